import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Actor } from '@app/auth';
import {
  BookingReader,
  CalendarFeedEntity,
  CalendarFeedKind,
  CalendarFeedRenderer,
  CalendarFeedService,
  feedCalendar,
  feedWindow,
  IssuedFeed,
} from '@app/bookings';
import { byId } from '@app/common';
import { VenueCatalogService } from '@app/venues';
import { AssignmentEntity } from './assignment.entity';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffRepository } from './staff.repository';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  AssignmentStatus,
  RequirementStatus,
  StaffKind,
} from './staffing-enums';
import { StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingError, StaffingErrorCode } from './staffing.errors';
import { staffingMessages } from './staffing.messages';

/** What the person does there, e.g. "Interpreter zh→en SIMULTANEOUS". */
function roleOf(requirement: StaffingRequirementEntity): string {
  if (requirement.kind === StaffKind.INTERPRETER)
    return `Interpreter ${requirement.languageFrom}→${requirement.languageTo} ${requirement.mode}`;
  return requirement.skill ? `Security officer (${requirement.skill})` : 'Security officer';
}

/**
 * A staff member's own calendar of their proposed and accepted assignments, behind the same
 * secret, revocable feed tokens as the booking calendars.
 */
@Injectable()
export class StaffCalendarService implements CalendarFeedRenderer {
  constructor(
    private readonly feeds: CalendarFeedService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staffRepository: StaffRepository,
    private readonly bookingReader: BookingReader,
    private readonly venueCatalog: VenueCatalogService,
  ) {}

  /** A feed of the caller's own assignments; the caller must be in a staff pool. */
  async issue(actor: Actor): Promise<IssuedFeed> {
    const me = await this.dataSource
      .getRepository(StaffMemberEntity)
      .findOneBy({ userId: actor.userId });
    if (!me) {
      throw new StaffingError(StaffingErrorCode.FORBIDDEN, staffingMessages.staffCalendarForPool());
    }
    return this.feeds.issueToken(actor, CalendarFeedKind.STAFF, me.id);
  }

  async render(feed: CalendarFeedEntity, now: Date): Promise<string> {
    if (feed.kind !== CalendarFeedKind.STAFF)
      throw new Error(`StaffCalendarService cannot render a ${feed.kind} feed`);
    const member = await this.dataSource
      .getRepository(StaffMemberEntity)
      .findOneByOrFail({ id: feed.subjectId });
    const { from, to } = feedWindow(now);
    const assignments = await this.dataSource
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoin(StaffingRequirementEntity, 'r', 'r.id = a.requirement_id')
      .where('a.staff_id = :staffId AND a.status IN (:...active)', {
        staffId: member.id,
        active: ACTIVE_ASSIGNMENT_STATUSES,
      })
      .andWhere('r.status = :open', { open: RequirementStatus.OPEN })
      .andWhere('a.ends_at > :from AND a.starts_at < :to', { from, to })
      .orderBy('a.starts_at', 'ASC')
      .getMany();
    const [requirements, venues] = await Promise.all([
      this.staffRepository
        .requirementsOf([...new Set(assignments.map((a) => a.requirementId))])
        .then(byId),
      this.venueCatalog
        .venuesByIds([...new Set(assignments.map((a) => a.venueId))])
        .then((found) => byId(found.filter((venue) => venue !== undefined))),
    ]);
    const bookings = byId(
      await this.bookingReader.byIds([...requirements.values()].map((r) => r.bookingId)),
    );

    const calendar = feedCalendar('我的任务 My assignments', member.timeZone);
    for (const assignment of assignments) {
      const requirement = requirements.get(assignment.requirementId)!;
      const booking = bookings.get(requirement.bookingId)!;
      const venue = venues.get(assignment.venueId);
      // Where the work is: the venue's zone. Zoned luxon times, since ical-generator writes a
      // native Date's UTC wall time under the TZID.
      const zone = venue?.timeZone ?? member.timeZone;
      calendar.createEvent({
        id: `assignment-${assignment.id}@venues.dongcheng`,
        sequence: assignment.version,
        start: DateTime.fromJSDate(assignment.startsAt, { zone }),
        end: DateTime.fromJSDate(assignment.endsAt, { zone }),
        timezone: zone,
        summary: `${booking.title} – ${roleOf(requirement)}`,
        location: venue
          ? `${venue.nameZh} ${venue.nameEn}, ${venue.addressZh} / ${venue.addressEn}`
          : null,
        description: `Assignment ${assignment.status}; ${booking.attendees} attendees, protocol ${booking.protocolLevel}`,
        status:
          assignment.status === AssignmentStatus.ACCEPTED
            ? ICalEventStatus.CONFIRMED
            : ICalEventStatus.TENTATIVE,
        lastModified: assignment.updatedAt,
        stamp: assignment.updatedAt,
      });
    }
    return calendar.toString();
  }
}
