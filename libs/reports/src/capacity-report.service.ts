import { Injectable } from '@nestjs/common';
import { Actor, Role } from '@app/auth';
import { inputMessages } from '@app/common';
import { BookableVenueReader } from '@app/venues';
import { CapacityReport, REPORT_MAX_DAYS, ReportQuery } from './capacity-report';
import { assembleCapacityReport, ReportSubdistrict } from './capacity-report-assembly';
import { ReportsReadModelRepository } from './reports-read-model.repository';
import { badReportInput, ReportError, ReportErrorCode } from './reports.errors';
import { reportMessages } from './reports.messages';
import { VenueScoreService } from './venue-score.service';

const DAY_MS = 86_400_000;

/**
 * The service-capacity report for the district admin: reads its figures from the read model
 * (aggregated in SQL), the venues' opening periods and blackouts from venues, and assembles them.
 */
@Injectable()
export class CapacityReportService {
  constructor(
    private readonly readModel: ReportsReadModelRepository,
    private readonly venues: BookableVenueReader,
    private readonly scores: VenueScoreService,
  ) {}

  async report(actor: Actor, query: ReportQuery, now = new Date()): Promise<CapacityReport> {
    const scope = reportScopeOf(actor, query.subdistrictId);
    const { from, to } = query;
    if (!(to.getTime() > from.getTime()))
      throw badReportInput('to', inputMessages.mustBeAfter('to', 'from'));
    if (to.getTime() - from.getTime() > REPORT_MAX_DAYS * DAY_MS)
      throw badReportInput('to', reportMessages.reportTooLong(REPORT_MAX_DAYS));
    const subdistrictId = scope;
    const subdistricts = await this.readModel.subdistricts(subdistrictId);
    if (subdistrictId && !subdistricts.length)
      throw new ReportError(
        ReportErrorCode.NOT_FOUND,
        reportMessages.noSubdistrict(subdistrictId),
        'subdistrictId',
      );

    const read = this.readModel;
    const [
      served,
      loggedUnmetDemand,
      refusedBookings,
      unfilledRequirements,
      venueSubdistricts,
      interpreterHours,
      officerLoad,
      activeOfficers,
    ] = await Promise.all([
      read.served(from, to, subdistrictId),
      read.loggedUnmetDemand(from, to, subdistrictId),
      read.refusedBookings(from, to, subdistrictId),
      read.unfilledRequirements(from, to, subdistrictId),
      read.venueSubdistricts(),
      read.interpreterHours(from, to, subdistrictId),
      read.officerLoad(from, to, subdistrictId),
      read.activeOfficers(),
    ]);
    const venues = await read.venuesInScope(subdistrictId, [...served.keys()]);
    const venueIds = venues.map((venue) => venue.id);
    const [openingPeriods, blackouts, serviceScores] = await Promise.all([
      this.venues.openingPeriodsOf(venueIds),
      this.venues.blackoutsOf(venueIds, from, to),
      this.scores.scoreValues(venueIds),
    ]);

    return assembleCapacityReport(
      { from, to, subdistrictId, generatedAt: now },
      {
        subdistricts,
        venues,
        openingPeriods,
        blackouts,
        serviceScores,
        served,
        loggedUnmetDemand,
        refusedBookings,
        unfilledRequirements,
        venueSubdistricts,
        interpreterHours,
        officerLoad,
        activeOfficers,
      },
    );
  }

  /** The district's subdistricts, for choosing a report's scope. */
  subdistricts(): Promise<ReportSubdistrict[]> {
    return this.readModel.subdistricts();
  }
}

/**
 * Whose figures a caller reads: the district admin any subdistrict's or the whole district's, a
 * subdistrict manager their own subdistrict's (the default for them) and no other.
 */
export function reportScopeOf(actor: Actor, subdistrictId?: string | null): string | null {
  if (actor.role === Role.DISTRICT_ADMIN) return subdistrictId ?? null;
  if (actor.role === Role.SUBDISTRICT_MANAGER && actor.subdistrictId) {
    if (subdistrictId && subdistrictId !== actor.subdistrictId)
      throw new ReportError(ReportErrorCode.FORBIDDEN, reportMessages.ownSubdistrictOnly());
    return actor.subdistrictId;
  }
  throw new ReportError(ReportErrorCode.FORBIDDEN, reportMessages.reportsForAdminsAndManagers());
}
