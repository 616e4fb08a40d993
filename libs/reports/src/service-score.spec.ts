import { Facility } from '@app/venues';
import { ratingStars, SCORE_WEIGHTS, ScoreItem, serviceScore } from './service-score';

const facilities = (entries: [Facility, number][]) => new Map(entries);

describe('serviceScore', () => {
  it('weighs the checklist to 100 in all', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('gives every point to a fully equipped large venue', () => {
    const score = serviceScore({
      seatedCapacity: 600,
      standingCapacity: null,
      facilities: facilities([
        [Facility.SIMULTANEOUS_INTERPRETATION_BOOTH, 4],
        [Facility.INTERPRETATION_HEADSETS, 300], // 300 × 2 ≥ 600 seats: in full
        [Facility.BILINGUAL_SIGNAGE, 1],
        [Facility.WHEELCHAIR_ACCESS, 1],
        [Facility.SECURITY_CHECKPOINT, 2],
        [Facility.VIP_LOUNGE, 1],
        [Facility.PRESS_AREA, 1],
        [Facility.WIFI, 1],
        [Facility.FOREIGN_CARD_PAYMENT, 1],
      ]),
      ratingCount: 0,
      ratingMeanStars: null,
    });
    expect(score).toMatchObject({ score: 100, checklistScore: 100, ratingScore: null });
    expect(score.ratingsBlended).toBe(false);
  });

  it('counts partial headsets, capacity tiers and missing items', () => {
    // booth 15 + headsets 100 for 320 seats (100 × 2 < 320): 10 / 2 = 5 + signage 10
    // + capacity max(320, 400) = 400 ≥ 200: 15 × 2/3 = 10. 15 + 5 + 10 + 10 = 40.
    const score = serviceScore({
      seatedCapacity: 320,
      standingCapacity: 400,
      facilities: facilities([
        [Facility.SIMULTANEOUS_INTERPRETATION_BOOTH, 2],
        [Facility.INTERPRETATION_HEADSETS, 100],
        [Facility.BILINGUAL_SIGNAGE, 1],
        [Facility.PARKING, 50], // not on the checklist
      ]),
      ratingCount: 0,
      ratingMeanStars: null,
    });
    expect(score.score).toBe(40);
    const earned = Object.fromEntries(score.lines.map((line) => [line.item, line.earned]));
    expect(earned).toMatchObject({
      [ScoreItem.INTERPRETATION_BOOTH]: 15,
      [ScoreItem.INTERPRETATION_HEADSETS]: 5,
      [ScoreItem.BILINGUAL_SIGNAGE]: 10,
      [ScoreItem.CAPACITY]: 10,
      [ScoreItem.WIFI]: 0,
    });
  });

  it('leaves ratings out until there are five, then blends them at 40 %', () => {
    const base = {
      seatedCapacity: 30, // below 50: no capacity points
      standingCapacity: null,
      facilities: facilities([[Facility.WIFI, 1]]), // 5 points
    };
    // Four ratings averaging 4 stars: shown ((4 − 1) / 4 × 100 = 75) but not blended.
    expect(serviceScore({ ...base, ratingCount: 4, ratingMeanStars: 4 })).toMatchObject({
      score: 5,
      ratingScore: 75,
      ratingsBlended: false,
    });
    // Five: 0.6 × 5 + 0.4 × 75 = 3 + 30 = 33.
    expect(serviceScore({ ...base, ratingCount: 5, ratingMeanStars: 4 })).toMatchObject({
      score: 33,
      checklistScore: 5,
      ratingScore: 75,
      ratingsBlended: true,
    });
  });

  it('rounds to one decimal', () => {
    // No checklist points; 4.31 stars: (4.31 − 1) / 4 × 100 = 82.75; 0.4 × 82.75 = 33.1.
    expect(
      serviceScore({
        seatedCapacity: 10,
        standingCapacity: null,
        facilities: new Map(),
        ratingCount: 6,
        ratingMeanStars: 4.31,
      }).score,
    ).toBe(33.1);
  });
});

describe('ratingStars', () => {
  it('averages the aspects given', () => {
    // (4 + 5) / 2 = 4.5; (4 + 2 + 3 + 5) / 4 = 3.5
    expect(ratingStars({ facilities: 4, interpretation: null, security: null, overall: 5 })).toBe(
      4.5,
    );
    expect(ratingStars({ facilities: 4, interpretation: 2, security: 3, overall: 5 })).toBe(3.5);
  });
});
