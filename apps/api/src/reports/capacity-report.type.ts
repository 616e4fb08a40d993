import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ProtocolLevel } from '@app/bookings';
import {
  CapacityReport,
  ScoreItem,
  ServedFigures,
  ServiceScore,
  UnmetReason,
  UnmetSource,
} from '@app/reports';

registerEnumType(ScoreItem, { name: 'ScoreItem' });
registerEnumType(UnmetSource, { name: 'UnmetDemandSource' });
registerEnumType(UnmetReason, { name: 'UnmetDemandReason' });

@ObjectType('ScoreLine', { description: 'One checklist item: its weight and the points earned' })
export class ScoreLineType {
  @Field(() => ScoreItem)
  item: ScoreItem;

  @Field(() => Float)
  weight: number;

  @Field(() => Float)
  earned: number;
}

@ObjectType('ServiceScore')
export class ServiceScoreType {
  @Field(() => Float, { description: '0 to 100: the checklist, blended with enough ratings' })
  score: number;

  @Field(() => Float)
  checklistScore: number;

  @Field(() => Float, { nullable: true, description: 'The ratings’ mean on 0 to 100' })
  ratingScore: number | null;

  @Field(() => Int)
  ratingCount: number;

  @Field({ description: 'Whether the ratings count yet (enough of them)' })
  ratingsBlended: boolean;

  @Field(() => [ScoreLineType])
  lines: ScoreLineType[];

  static from(score: ServiceScore): ServiceScoreType {
    return Object.assign(new ServiceScoreType(), score);
  }
}

@ObjectType('ProtocolCounts')
export class ProtocolCountsType {
  @Field(() => Int)
  standard: number;

  @Field(() => Int)
  high: number;

  @Field(() => Int)
  state: number;
}

const protocolCounts = (figures: ServedFigures): ProtocolCountsType => ({
  standard: figures.byProtocol[ProtocolLevel.STANDARD],
  high: figures.byProtocol[ProtocolLevel.HIGH],
  state: figures.byProtocol[ProtocolLevel.STATE],
});

@ObjectType('ServedFigures')
export class ServedFiguresType {
  @Field(() => Float, { description: 'Hours open by the weekly opening periods, less blackouts' })
  openHours: number;

  @Field(() => Float, { description: 'Hours of approved and completed events in the range' })
  bookedHours: number;

  @Field(() => Float, { nullable: true, description: 'bookedHours / openHours' })
  utilisation: number | null;

  @Field(() => Int, { description: 'Approved and completed events starting in the range' })
  events: number;

  @Field(() => Int)
  foreignGuests: number;

  @Field(() => ProtocolCountsType)
  bookingsByProtocol: ProtocolCountsType;

  @Field(() => Int, { description: 'Of those events, how many an approver decided' })
  approvals: number;

  @Field(() => Float, { nullable: true, description: 'Submission to approval, median, in hours' })
  approvalLeadTimeMedianHours: number | null;

  @Field(() => Float, { nullable: true, description: 'Submission to approval, p90, in hours' })
  approvalLeadTimeP90Hours: number | null;
}

function servedFields(figures: ServedFigures): ServedFiguresType {
  return {
    openHours: figures.openHours,
    bookedHours: figures.bookedHours,
    utilisation: figures.utilisation,
    events: figures.events,
    foreignGuests: figures.foreignGuests,
    bookingsByProtocol: protocolCounts(figures),
    approvals: figures.approvals,
    approvalLeadTimeMedianHours: figures.leadTimeMedianHours,
    approvalLeadTimeP90Hours: figures.leadTimeP90Hours,
  };
}

@ObjectType('CapacityTotals')
export class CapacityTotalsType extends ServedFiguresType {
  @Field(() => Int)
  unmetDemand: number;
}

@ObjectType('VenueCapacity')
export class VenueCapacityType extends ServedFiguresType {
  @Field(() => ID)
  venueId: string;

  @Field(() => ID)
  subdistrictId: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field(() => Float)
  serviceScore: number;
}

@ObjectType('SubdistrictCapacity')
export class SubdistrictCapacityType extends ServedFiguresType {
  @Field(() => ID)
  subdistrictId: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field(() => Int)
  venues: number;

  @Field(() => Int)
  unmetDemand: number;
}

@ObjectType('UnmetDemand')
export class UnmetDemandType {
  @Field(() => UnmetSource)
  source: UnmetSource;

  @Field(() => UnmetReason)
  reason: UnmetReason;

  @Field(() => Int)
  count: number;
}

@ObjectType('InterpreterCoverage')
export class InterpreterCoverageType {
  @Field()
  languageFrom: string;

  @Field()
  languageTo: string;

  @Field(() => Float)
  requestedHours: number;

  @Field(() => Float)
  staffedHours: number;

  @Field(() => Float, { nullable: true, description: 'staffedHours / requestedHours' })
  coverage: number | null;
}

@ObjectType('SecurityOfficerLoad')
export class SecurityOfficerLoadType {
  @Field(() => ID)
  staffId: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field(() => Int)
  assignments: number;

  @Field(() => Float)
  hours: number;
}

@ObjectType('SecurityLoadSummary')
export class SecurityLoadSummaryType {
  @Field(() => Int)
  activeOfficers: number;

  @Field(() => Int)
  officersAssigned: number;

  @Field(() => Int)
  assignments: number;

  @Field(() => Float)
  hours: number;

  @Field(() => Float, { nullable: true })
  meanHoursPerOfficer: number | null;

  @Field(() => Float)
  maxHours: number;
}

@ObjectType('CapacityReport')
export class CapacityReportType {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => ID, { nullable: true })
  subdistrictId: string | null;

  @Field()
  generatedAt: Date;

  @Field(() => CapacityTotalsType)
  totals: CapacityTotalsType;

  @Field(() => [VenueCapacityType])
  byVenue: VenueCapacityType[];

  @Field(() => [SubdistrictCapacityType])
  bySubdistrict: SubdistrictCapacityType[];

  @Field(() => [UnmetDemandType], { description: 'By source and reason, most first' })
  unmetDemand: UnmetDemandType[];

  @Field(() => [InterpreterCoverageType])
  interpreterCoverage: InterpreterCoverageType[];

  @Field(() => [SecurityOfficerLoadType], { description: 'Most hours first' })
  securityOfficerLoad: SecurityOfficerLoadType[];

  @Field(() => SecurityLoadSummaryType)
  securityLoadSummary: SecurityLoadSummaryType;

  static from(report: CapacityReport): CapacityReportType {
    return {
      from: report.from,
      to: report.to,
      subdistrictId: report.subdistrictId,
      generatedAt: report.generatedAt,
      totals: { ...servedFields(report.totals), unmetDemand: report.totals.unmetDemand },
      byVenue: report.venues.map((row) => ({
        ...servedFields(row),
        venueId: row.venueId,
        subdistrictId: row.subdistrictId,
        nameZh: row.nameZh,
        nameEn: row.nameEn,
        serviceScore: row.serviceScore,
      })),
      bySubdistrict: report.subdistricts.map((row) => ({
        ...servedFields(row),
        subdistrictId: row.subdistrictId,
        nameZh: row.nameZh,
        nameEn: row.nameEn,
        venues: row.venues,
        unmetDemand: row.unmetDemand,
      })),
      unmetDemand: report.unmetDemand,
      interpreterCoverage: report.interpreterCoverage,
      securityOfficerLoad: report.securityLoad,
      securityLoadSummary: report.securitySummary,
    };
  }
}
