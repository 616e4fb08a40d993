import { Injectable } from '@nestjs/common';
import { Facility } from '@app/venues';
import { ReportsReadModelRepository } from './reports-read-model.repository';
import { serviceScore, ServiceScore } from './service-score';

/** Service-capacity scores of venues, from their facilities, capacity and ratings. */
@Injectable()
export class VenueScoreService {
  constructor(private readonly readModel: ReportsReadModelRepository) {}

  /** Scores of the given venues, in three queries whatever their number; unknown ids are left out. */
  async scoresOf(venueIds: readonly string[]): Promise<Map<string, ServiceScore>> {
    const ids = [...new Set(venueIds)];
    if (!ids.length) return new Map();
    const [venues, facilities, ratings] = await Promise.all([
      this.readModel.venueCapacities(ids),
      this.readModel.venueFacilities(ids),
      this.readModel.venueRatings(ids),
    ]);
    return scoresFromRows(venues, facilities, ratings);
  }

  /** Just the scores, for ordering availability ties. */
  async scoreValues(venueIds: readonly string[]): Promise<Map<string, number>> {
    const scores = await this.scoresOf(venueIds);
    return new Map([...scores].map(([id, score]) => [id, score.score]));
  }
}

/** The rows the score reads: capacities, facilities, and rating counts and mean stars. */
export interface ScoreRows {
  venues: { id: string | number; seated: number; standing: number | null }[];
  facilities: { venueId: string | number; type: string; count: number }[];
  ratings: { venueId: string | number; ratings: number | string; stars: number | string }[];
}

/** Scores from those rows, by venue id. */
export function scoresFromRows(
  venues: ScoreRows['venues'],
  facilities: ScoreRows['facilities'],
  ratings: ScoreRows['ratings'],
): Map<string, ServiceScore> {
  const equipment = new Map<string, Map<Facility, number>>();
  for (const row of facilities) {
    const key = String(row.venueId);
    if (!equipment.has(key)) equipment.set(key, new Map());
    equipment.get(key)!.set(row.type as Facility, Number(row.count));
  }
  const rated = new Map(ratings.map((row) => [String(row.venueId), row]));
  const scores = new Map<string, ServiceScore>();
  for (const venue of venues) {
    const id = String(venue.id);
    const rating = rated.get(id);
    scores.set(
      id,
      serviceScore({
        seatedCapacity: Number(venue.seated),
        standingCapacity: venue.standing === null ? null : Number(venue.standing),
        facilities: equipment.get(id) ?? new Map(),
        ratingCount: rating ? Number(rating.ratings) : 0,
        ratingMeanStars: rating ? Number(rating.stars) : null,
      }),
    );
  }
  return scores;
}
