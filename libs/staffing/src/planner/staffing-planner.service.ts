import { Inject, Injectable, Optional } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import { EntityManager, In } from 'typeorm';
import { Actor, Role } from '@app/auth';
import { BookingStatus } from '@app/bookings';
import { inputMessages, METRICS_REGISTRY } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { TransactionRunner, writeOutbox } from '@app/database';
import { assignmentEvent } from '../assignment-events';
import { AssignmentEntity } from '../assignment.entity';
import { AssignmentService } from '../assignment.service';
import { AssignmentsRepository } from '../assignments.repository';
import { scheduleProblem, Shift } from '../schedule-rules';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  AssignmentStatus,
  RequirementStatus,
  StaffKind,
} from '../staffing-enums';
import { StaffingRequirementEntity } from '../staffing-requirement.entity';
import { StaffingRequirementsService } from '../staffing-requirements.service';
import { StaffingError, StaffingErrorCode } from '../staffing.errors';
import { PlanOutcome, PlanStatistics } from './plan-problem';
import { planStaffing } from './plan-staffing';
import { LoadedPlan, PlanReader } from './plan.reader';
import { PlannerPhase, plannerDurations } from './planner.metrics';
import { staffingMessages } from '../staffing.messages';

const DAY = 86_400_000;
/** The longest window one planning run covers. */
export const MAX_PLAN_DAYS = 31;

export interface UnfilledPlace {
  requirement: StaffingRequirementEntity;
  missing: number;
  reason: string;
}

export interface StaffingPlanResult {
  /** New assignments, PROPOSED to their staff. */
  assigned: AssignmentEntity[];
  /** Existing assignments the plan keeps. */
  kept: AssignmentEntity[];
  /** Existing assignments the plan cancelled, each with its reason. */
  changed: AssignmentEntity[];
  unfilled: UnfilledPlace[];
  statistics: PlanStatistics;
}

/** The district plans everyone; security coordinators plan officers. */
function kindsFor(actor: Actor): StaffKind[] {
  if (actor.role === Role.DISTRICT_ADMIN)
    return [StaffKind.INTERPRETER, StaffKind.SECURITY_OFFICER];
  if (actor.role === Role.SECURITY_COORDINATOR) return [StaffKind.SECURITY_OFFICER];
  throw new StaffingError(StaffingErrorCode.FORBIDDEN, staffingMessages.onlyPlannersPlan());
}

/**
 * Plans staff for open requirements: reads a snapshot, optimises it (see planStaffing), then
 * writes the plan under the staff members' locks, re-checking each new assignment against what
 * committed meanwhile, so the planner can never double-book anyone.
 */
@Injectable()
export class StaffingPlannerService {
  constructor(
    private readonly reader: PlanReader,
    private readonly requirements: StaffingRequirementsService,
    private readonly assignments: AssignmentService,
    private readonly locks: AssignmentsRepository,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(METRICS_REGISTRY) registry?: Registry,
  ) {
    this.durations = registry ? plannerDurations(registry) : null;
  }

  private readonly durations: Histogram<'phase'> | null;

  /** Every open requirement of approved bookings overlapping [from, to). */
  async planWindow(actor: Actor, from: Date, to: Date): Promise<StaffingPlanResult> {
    const kinds = kindsFor(actor);
    if (to.getTime() <= from.getTime()) {
      throw new StaffingError(
        StaffingErrorCode.BAD_USER_INPUT,
        inputMessages.mustBeAfter('to', 'from'),
        'to',
      );
    }
    if (to.getTime() - from.getTime() > MAX_PLAN_DAYS * DAY) {
      throw new StaffingError(
        StaffingErrorCode.BAD_USER_INPUT,
        staffingMessages.planTooLong(MAX_PLAN_DAYS),
        'to',
      );
    }
    await this.requirements.reconcileApprovedBetween(from, to);
    const open = await this.reader.openRequirementsBetween(from, to);
    return this.plan(open, kinds, actor.userId);
  }

  /** One approved booking's open requirements. */
  async planBooking(actor: Actor, bookingId: string): Promise<StaffingPlanResult> {
    const kinds = kindsFor(actor);
    const booking = await this.requirements.bookingOf(actor, bookingId);
    if (booking.status !== BookingStatus.APPROVED) {
      throw new StaffingError(
        StaffingErrorCode.INVALID_TRANSITION,
        staffingMessages.onlyApprovedStaffed(bookingId, booking.status),
      );
    }
    const requirements = await this.requirements.reconcile(booking.id);
    return this.plan(
      requirements.filter((r) => r.status === RequirementStatus.OPEN),
      kinds,
      actor.userId,
    );
  }

  /** The staff member answers; a decline reopens the place and replans just that requirement. */
  async respond(
    actor: Actor,
    id: string,
    accept: boolean,
    reason?: string | null,
  ): Promise<AssignmentEntity> {
    const assignment = await this.assignments.respond(actor, id, accept, reason);
    if (!accept) await this.replanRequirement(assignment.requirementId);
    return assignment;
  }

  async replanRequirement(requirementId: string): Promise<StaffingPlanResult | null> {
    const [requirement] = await this.reader.openRequirementsByIds([requirementId]);
    if (!requirement) return null;
    return this.plan([requirement], [requirement.kind], null);
  }

  private async plan(
    requirements: StaffingRequirementEntity[],
    kinds: StaffKind[],
    actorId: string | null,
  ): Promise<StaffingPlanResult> {
    const started = performance.now();
    let phaseStarted = started;
    const timed = (phase: PlannerPhase) => {
      const now = performance.now();
      this.durations?.observe({ phase }, (now - phaseStarted) / 1000);
      phaseStarted = now;
    };
    const loaded = await this.reader.load({ requirements, kinds });
    timed('load');
    const outcome = await planStaffing({
      ...loaded.problem,
      travelMinutes: this.config.staffing.travelMinutes,
    });
    timed('solve');
    const result = await this.transactions.run(
      (manager) => this.write(manager, loaded, outcome, actorId),
      { isolation: 'READ COMMITTED' },
    );
    timed('write');
    this.durations?.observe({ phase: 'total' }, (performance.now() - started) / 1000);
    return result;
  }

  /**
   * Applies the plan. The requirements it fills and everyone it touches are locked first (by
   * writing their rows, one statement each, so in index order; a lock that is only a SELECT ...
   * FOR UPDATE would not reach the other nodes of a multi-primary cluster);
   * what committed since the snapshot wins: a place taken meanwhile stays as it is, and a
   * person booked meanwhile is not assigned (the place is reported unfilled).
   */
  private async write(
    manager: EntityManager,
    loaded: LoadedPlan,
    outcome: PlanOutcome,
    actorId: string | null,
  ): Promise<StaffingPlanResult> {
    const fresh = outcome.placements.filter((p) => !p.existingId);
    const touched = [
      ...new Set([...fresh.map((p) => p.staffId), ...outcome.dropped.map((d) => d.staffId)]),
    ];
    // Requirements first, then people: the order manual assignment takes them in.
    await this.locks.lockRequirements(manager, [...new Set(fresh.map((p) => p.requirementId))]);
    if (touched.length) {
      await manager.query(
        'UPDATE staff_members SET assignment_seq = assignment_seq + 1 WHERE id IN (?)',
        [touched],
      );
    }
    const requirementIds = [...loaded.requirements.keys()];
    const [active, stillOpen, shifts] = await Promise.all([
      requirementIds.length
        ? manager.getRepository(AssignmentEntity).findBy({
            requirementId: In(requirementIds),
            status: In(ACTIVE_ASSIGNMENT_STATUSES),
          })
        : [],
      this.reader.openRequirementsByIds(requirementIds, manager),
      this.reader.standingShifts(touched, loaded.horizon, manager),
    ]);
    const activeById = new Map(active.map((a) => [a.id, a]));
    const open = new Set(stillOpen.map((r) => r.id));
    const now = new Date();

    const changed: AssignmentEntity[] = [];
    for (const drop of outcome.dropped) {
      const assignment = activeById.get(drop.id);
      if (!assignment) continue; // answered or cancelled meanwhile
      Object.assign(assignment, {
        status: AssignmentStatus.CANCELLED,
        reason: drop.reason,
        version: assignment.version + 1,
        updatedAt: now,
      });
      activeById.delete(drop.id);
      changed.push(assignment);
      const own = shifts.get(assignment.staffId);
      if (own)
        shifts.set(
          assignment.staffId,
          own.filter((s) => s.id !== assignment.id),
        );
    }

    const onRequirement = new Map<string, Set<string>>();
    for (const a of activeById.values()) {
      onRequirement.set(
        a.requirementId,
        (onRequirement.get(a.requirementId) ?? new Set()).add(a.staffId),
      );
    }
    const members = new Map(
      loaded.problem.staff.map((s) => [s.profile.member.id, s.profile.member]),
    );
    const late: UnfilledPlace[] = [];
    const assigned: AssignmentEntity[] = [];
    for (const placement of fresh) {
      const requirement = loaded.requirements.get(placement.requirementId)!;
      const on = onRequirement.get(requirement.id) ?? new Set<string>();
      const venueId = loaded.venueOf.get(requirement.id)!;
      const shift: Shift = { startsAt: requirement.startsAt, endsAt: requirement.endsAt, venueId };
      if (!open.has(requirement.id)) {
        late.push({
          requirement,
          missing: 1,
          reason: 'The requirement was released while planning',
        });
        continue;
      }
      if (on.has(placement.staffId) || on.size >= requirement.headcount) continue; // filled meanwhile
      const own = shifts.get(placement.staffId) ?? [];
      const member = members.get(placement.staffId)!;
      const problem = scheduleProblem(member, own, shift, this.config.staffing.travelMinutes);
      if (problem) {
        late.push({
          requirement,
          missing: 1,
          reason: `Changed while planning: ${problem.message.en}`,
        });
        continue;
      }
      on.add(placement.staffId);
      onRequirement.set(requirement.id, on);
      shifts.set(placement.staffId, [...own, { ...shift, id: '' }]);
      assigned.push(
        Object.assign(new AssignmentEntity(), {
          requirementId: requirement.id,
          staffId: placement.staffId,
          venueId,
          status: AssignmentStatus.PROPOSED,
          startsAt: requirement.startsAt,
          endsAt: requirement.endsAt,
          reason: null,
          version: 1,
          createdBy: actorId,
          createdAt: now,
          updatedAt: now,
        }),
      );
    }

    const repository = manager.getRepository(AssignmentEntity);
    if (changed.length) await repository.save(changed);
    if (assigned.length) await repository.insert(assigned);
    await writeOutbox(manager, [
      ...changed.map((a) => assignmentEvent(a, 'assignment.cancelled', actorId)),
      ...assigned.map((a) => assignmentEvent(a, 'assignment.made', actorId)),
    ]);

    const kept = outcome.placements
      .map((p) => (p.existingId ? activeById.get(p.existingId) : undefined))
      .filter((a): a is AssignmentEntity => !!a);
    const unfilled = [
      ...outcome.unfilled.map((u) => ({
        requirement: loaded.requirements.get(u.requirementId)!,
        missing: u.missing,
        reason: u.reason,
      })),
      ...late,
    ];
    return {
      assigned,
      kept,
      changed,
      unfilled,
      statistics: { ...outcome.statistics, covered: outcome.statistics.covered - late.length },
    };
  }
}
