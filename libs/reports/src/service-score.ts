import { Facility } from '@app/venues';

/** The items of the service-capacity checklist, each worth its weight in points (100 in all). */
export enum ScoreItem {
  INTERPRETATION_BOOTH = 'INTERPRETATION_BOOTH',
  INTERPRETATION_HEADSETS = 'INTERPRETATION_HEADSETS',
  BILINGUAL_SIGNAGE = 'BILINGUAL_SIGNAGE',
  ACCESSIBILITY = 'ACCESSIBILITY',
  SECURITY_CHECKPOINT = 'SECURITY_CHECKPOINT',
  VIP_LOUNGE = 'VIP_LOUNGE',
  PRESS_AREA = 'PRESS_AREA',
  WIFI = 'WIFI',
  FOREIGN_CARD_PAYMENT = 'FOREIGN_CARD_PAYMENT',
  CAPACITY = 'CAPACITY',
}

export const SCORE_WEIGHTS: Record<ScoreItem, number> = {
  [ScoreItem.INTERPRETATION_BOOTH]: 15,
  [ScoreItem.INTERPRETATION_HEADSETS]: 10,
  [ScoreItem.BILINGUAL_SIGNAGE]: 10,
  [ScoreItem.ACCESSIBILITY]: 10,
  [ScoreItem.SECURITY_CHECKPOINT]: 10,
  [ScoreItem.VIP_LOUNGE]: 10,
  [ScoreItem.PRESS_AREA]: 5,
  [ScoreItem.WIFI]: 5,
  [ScoreItem.FOREIGN_CARD_PAYMENT]: 10,
  [ScoreItem.CAPACITY]: 15,
};

/** Items earned in full by having the facility at all. */
const PRESENCE: Partial<Record<ScoreItem, Facility>> = {
  [ScoreItem.INTERPRETATION_BOOTH]: Facility.SIMULTANEOUS_INTERPRETATION_BOOTH,
  [ScoreItem.BILINGUAL_SIGNAGE]: Facility.BILINGUAL_SIGNAGE,
  [ScoreItem.ACCESSIBILITY]: Facility.WHEELCHAIR_ACCESS,
  [ScoreItem.SECURITY_CHECKPOINT]: Facility.SECURITY_CHECKPOINT,
  [ScoreItem.VIP_LOUNGE]: Facility.VIP_LOUNGE,
  [ScoreItem.PRESS_AREA]: Facility.PRESS_AREA,
  [ScoreItem.WIFI]: Facility.WIFI,
  [ScoreItem.FOREIGN_CARD_PAYMENT]: Facility.FOREIGN_CARD_PAYMENT,
};

/** Ratings count once a venue has this many of them... */
export const MIN_RATINGS_TO_BLEND = 5;
/** ...and then make up this share of the score, the checklist the rest. */
export const RATING_WEIGHT = 0.4;

export interface ScoreFacts {
  seatedCapacity: number;
  standingCapacity: number | null;
  facilities: ReadonlyMap<Facility, number>;
  /** How many post-event ratings the venue has, and their mean in stars (1 to 5). */
  ratingCount: number;
  ratingMeanStars: number | null;
}

export interface ScoreLine {
  item: ScoreItem;
  weight: number;
  earned: number;
}

export interface ServiceScore {
  /** 0 to 100, one decimal. */
  score: number;
  checklistScore: number;
  /** The ratings' mean on 0 to 100 (1 star = 0, 5 stars = 100); null without ratings. */
  ratingScore: number | null;
  ratingCount: number;
  ratingsBlended: boolean;
  lines: ScoreLine[];
}

/** Headsets earn in full when they cover half the seats, half as much below that. */
function headsetPoints(count: number, seats: number, weight: number): number {
  if (count <= 0) return 0;
  return count * 2 >= seats ? weight : weight / 2;
}

/** The largest crowd the venue takes: 500 and more in full, 200 two thirds, 50 a third. */
function capacityPoints(capacity: number, weight: number): number {
  if (capacity >= 500) return weight;
  if (capacity >= 200) return (weight * 2) / 3;
  if (capacity >= 50) return weight / 3;
  return 0;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** The venue's service-capacity score: the weighted checklist, blended with enough ratings. */
export function serviceScore(facts: ScoreFacts): ServiceScore {
  const has = (facility: Facility) => (facts.facilities.get(facility) ?? 0) > 0;
  const lines = (Object.keys(SCORE_WEIGHTS) as ScoreItem[]).map((item) => {
    const weight = SCORE_WEIGHTS[item];
    const facility = PRESENCE[item];
    let earned: number;
    if (facility) earned = has(facility) ? weight : 0;
    else if (item === ScoreItem.INTERPRETATION_HEADSETS)
      earned = headsetPoints(
        facts.facilities.get(Facility.INTERPRETATION_HEADSETS) ?? 0,
        facts.seatedCapacity,
        weight,
      );
    else
      earned = capacityPoints(Math.max(facts.seatedCapacity, facts.standingCapacity ?? 0), weight);
    return { item, weight, earned: round1(earned) };
  });
  const checklist = lines.reduce((sum, line) => sum + line.earned, 0);
  const ratingScore =
    facts.ratingCount > 0 && facts.ratingMeanStars !== null
      ? ((facts.ratingMeanStars - 1) / 4) * 100
      : null;
  const blended = ratingScore !== null && facts.ratingCount >= MIN_RATINGS_TO_BLEND;
  const score = blended ? (1 - RATING_WEIGHT) * checklist + RATING_WEIGHT * ratingScore : checklist;
  return {
    score: round1(score),
    checklistScore: round1(checklist),
    ratingScore: ratingScore === null ? null : round1(ratingScore),
    ratingCount: facts.ratingCount,
    ratingsBlended: blended,
    lines,
  };
}

/** One rating's stars in SQL over booking_ratings r, as ratingStars computes them. */
export const RATING_STARS_SQL = `(r.facilities + r.overall + COALESCE(r.interpretation, 0) + COALESCE(r.security, 0))
  / (2 + (r.interpretation IS NOT NULL) + (r.security IS NOT NULL))`;

/** One rating in stars: the mean of the aspects the organizer rated (overall and facilities always). */
export function ratingStars(rating: {
  facilities: number;
  interpretation: number | null;
  security: number | null;
  overall: number;
}): number {
  const given = [rating.facilities, rating.interpretation, rating.security, rating.overall].filter(
    (value): value is number => value !== null,
  );
  return given.reduce((sum, value) => sum + value, 0) / given.length;
}
