import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { BookingReader } from '@app/bookings';
import { byId, groupByKey } from '@app/common';
import { VenueCatalogService } from '@app/venues';
import { AssignmentEntity } from '../assignment.entity';
import { Shift } from '../schedule-rules';
import { StaffMemberEntity } from '../staff-member.entity';
import { StaffRepository } from '../staff.repository';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  AssignmentStatus,
  RequirementStatus,
  StaffKind,
} from '../staffing-enums';
import { StaffingRequirementEntity } from '../staffing-requirement.entity';
import { PlanProblem, PlanStaff } from './plan-problem';

const DAY = 86_400_000;
/** How far back an interpreter's work for an organizer counts towards continuity. */
const CONTINUITY_DAYS = 180;

export interface PlanScope {
  requirements: StaffingRequirementEntity[];
  kinds: StaffKind[];
}

/** What the planner works from, read from the database: a snapshot, re-checked when written. */
export interface LoadedPlan {
  problem: Omit<PlanProblem, 'travelMinutes' | 'timeLimitSeconds'>;
  requirements: Map<string, StaffingRequirementEntity>;
  /** The venue of each requirement's booking. */
  venueOf: Map<string, string>;
  /** The span around the requirements whose assignments can constrain them. */
  horizon: [Date, Date];
}

@Injectable()
export class PlanReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staffRepository: StaffRepository,
    private readonly bookingReader: BookingReader,
    private readonly venueCatalog: VenueCatalogService,
  ) {}

  /** Open requirements (those of approved bookings) that overlap [from, to). */
  openRequirementsBetween(from: Date, to: Date): Promise<StaffingRequirementEntity[]> {
    return this.dataSource
      .getRepository(StaffingRequirementEntity)
      .createQueryBuilder('r')
      .where('r.status = :open', { open: RequirementStatus.OPEN })
      .andWhere('r.starts_at < :to AND r.ends_at > :from', { from, to })
      .orderBy('r.starts_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  /** The requirements among ids that are open. */
  openRequirementsByIds(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StaffingRequirementEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return manager
      .getRepository(StaffingRequirementEntity)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids) AND r.status = :open', { ids, open: RequirementStatus.OPEN })
      .getMany();
  }

  /** Each person's standing shifts in the horizon, read through the caller's transaction. */
  async standingShifts(
    staffIds: string[],
    [from, to]: [Date, Date],
    manager: EntityManager,
  ): Promise<Map<string, (Shift & { id: string })[]>> {
    if (!staffIds.length) return new Map();
    const rows = await this.standingAssignments(from, to, manager, staffIds);
    return groupByKey(rows, (a) => a.staffId);
  }

  async load(scope: PlanScope): Promise<LoadedPlan> {
    const requirements = scope.requirements.filter((r) => scope.kinds.includes(r.kind));
    const requirementIds = requirements.map((r) => r.id);
    const bookings = byId(await this.bookingReader.byIds(requirements.map((r) => r.bookingId)));
    const venues = byId(
      (
        await this.venueCatalog.venuesByIds([
          ...new Set([...bookings.values()].map((b) => b.venueId)),
        ])
      ).filter((venue) => venue !== undefined),
    );
    const members = await this.dataSource
      .getRepository(StaffMemberEntity)
      .find({ where: { active: true, kind: In(scope.kinds) }, order: { id: 'ASC' } });
    const staffIds = members.map((m) => m.id);
    const [pairs, skills, availability, leave] = await Promise.all([
      this.staffRepository.languagePairsOf(staffIds),
      this.staffRepository.skillsOf(staffIds),
      this.staffRepository.availabilityOf(staffIds),
      this.staffRepository.leaveOf(staffIds),
    ]);
    const byStaff = <T extends { staffId: string }>(rows: T[]) =>
      groupByKey(rows, (r) => r.staffId);
    const [pairsOf, skillsOf, availabilityOf, leaveOf] = [
      byStaff(pairs),
      byStaff(skills),
      byStaff(availability),
      byStaff(leave),
    ];

    const times = requirements.flatMap((r) => [r.startsAt.getTime(), r.endsAt.getTime()]);
    const from = new Date(Math.min(...times, Date.now()) - 2 * DAY);
    const to = new Date(Math.max(...times, Date.now()) + 2 * DAY);
    const inScope = new Set(requirementIds);
    const [standing, declined, history] = await Promise.all([
      this.standingAssignments(from, to),
      requirementIds.length
        ? this.dataSource.getRepository(AssignmentEntity).findBy({
            requirementId: In(requirementIds),
            status: AssignmentStatus.DECLINED,
          })
        : [],
      this.organizersServed(staffIds),
    ]);
    const existing = standing.filter((a) => inScope.has(a.requirementId));
    const commitments = groupByKey(
      standing.filter((a) => !inScope.has(a.requirementId)),
      (a) => a.staffId,
    );

    const staff: PlanStaff[] = members.map((member) => ({
      profile: {
        member,
        pairs: pairsOf.get(member.id) ?? [],
        skills: skillsOf.get(member.id) ?? [],
        availability: availabilityOf.get(member.id) ?? [],
        leave: leaveOf.get(member.id) ?? [],
      },
      commitments: (commitments.get(member.id) ?? []).map(({ startsAt, endsAt, venueId }) => ({
        startsAt,
        endsAt,
        venueId,
      })),
      organizers: new Set(history.get(member.id) ?? []),
    }));
    return {
      problem: {
        requirements: requirements.map((requirement) => {
          const booking = bookings.get(requirement.bookingId)!;
          return {
            ...requirement,
            venueId: booking.venueId,
            organizerId: booking.organizerId,
            timeZone: venues.get(booking.venueId)?.timeZone ?? 'Asia/Shanghai',
          };
        }),
        staff,
        existing: existing.map(({ id, requirementId, staffId }) => ({
          id,
          requirementId,
          staffId,
        })),
        excluded: declined.map(({ requirementId, staffId }) => ({ requirementId, staffId })),
      },
      requirements: new Map(requirements.map((r) => [r.id, r])),
      venueOf: new Map(requirements.map((r) => [r.id, bookings.get(r.bookingId)!.venueId])),
      horizon: [from, to],
    };
  }

  /** Assignments holding staff time between the dates: active, their requirement open. */
  private standingAssignments(
    from: Date,
    to: Date,
    manager: EntityManager = this.dataSource.manager,
    staffIds?: string[],
  ): Promise<AssignmentEntity[]> {
    const query = manager
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoin(StaffingRequirementEntity, 'r', 'r.id = a.requirement_id')
      .where('a.status IN (:...active) AND r.status = :open', {
        active: ACTIVE_ASSIGNMENT_STATUSES,
        open: RequirementStatus.OPEN,
      })
      .andWhere('a.ends_at > :from AND a.starts_at < :to', { from, to });
    if (staffIds) query.andWhere('a.staff_id IN (:...staffIds)', { staffIds });
    return query.getMany();
  }

  /** Organizers each staff member has recently worked for (continuity). */
  private async organizersServed(staffIds: string[]): Promise<Map<string, string[]>> {
    if (!staffIds.length) return new Map();
    const rows: { staffId: string; bookingId: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('DISTINCT a.staff_id', 'staffId')
      .addSelect('r.booking_id', 'bookingId')
      .from(AssignmentEntity, 'a')
      .innerJoin(StaffingRequirementEntity, 'r', 'r.id = a.requirement_id')
      .where('a.status IN (:...served)', { served: ACTIVE_ASSIGNMENT_STATUSES })
      .andWhere('a.staff_id IN (:...staffIds)', { staffIds })
      .andWhere('a.starts_at > :since', { since: new Date(Date.now() - CONTINUITY_DAYS * DAY) })
      .getRawMany();
    const organizerOf = await this.bookingReader.organizersOf(rows.map((r) => String(r.bookingId)));
    const result = new Map<string, string[]>();
    for (const row of rows) {
      const id = String(row.staffId);
      const organizer = organizerOf.get(String(row.bookingId));
      if (organizer) result.set(id, [...new Set([...(result.get(id) ?? []), organizer])]);
    }
    return result;
  }
}
