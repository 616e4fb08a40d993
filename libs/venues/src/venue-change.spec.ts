import { editNeedsReview, fieldChanges, openingHoursText } from './venue-change';
import { Facility, VenueStatus } from './venue-enums';
import { VenueEntity } from './venue.entity';

describe('venue changes as the audit trail keeps them', () => {
  it('lists only the fields whose value changed, as text', () => {
    expect(
      fieldChanges(
        ['seatedCapacity', 'standingCapacity', 'securityLevel'],
        { seatedCapacity: 320, standingCapacity: 400, securityLevel: 2 },
        { seatedCapacity: 100, standingCapacity: null, securityLevel: 2 },
      ),
    ).toEqual([
      { field: 'seatedCapacity', from: '320', to: '100' },
      { field: 'standingCapacity', from: '400', to: null },
    ]);
  });

  it('compares facilities whatever their order, and names their counts', () => {
    const wifi = { type: Facility.WIFI, count: 1 };
    const av = { type: Facility.AV_SYSTEM, count: 2 };
    expect(
      fieldChanges(['facilities'], { facilities: [wifi, av] }, { facilities: [av, wifi] }),
    ).toEqual([]);
    expect(
      fieldChanges(['facilities'], { facilities: [wifi] }, { facilities: [av, wifi] }),
    ).toEqual([{ field: 'facilities', from: 'WIFI×1', to: 'AV_SYSTEM×2, WIFI×1' }]);
  });

  it('writes opening hours as weekday and local times', () => {
    expect(
      openingHoursText([
        { weekday: 2, opensMinute: 480, closesMinute: 1200 },
        { weekday: 1, opensMinute: 540, closesMinute: 1440 },
      ]),
    ).toBe('1 09:00–24:00, 2 08:00–20:00');
  });

  it('sends an owner’s edit of a reviewed venue to the district, not the district’s own', () => {
    const venue = (status: VenueStatus) => ({ status }) as VenueEntity;
    expect(editNeedsReview(venue(VenueStatus.ACTIVE), false)).toBe(true);
    expect(editNeedsReview(venue(VenueStatus.SUSPENDED), false)).toBe(true);
    expect(editNeedsReview(venue(VenueStatus.DRAFT), false)).toBe(false);
    expect(editNeedsReview(venue(VenueStatus.ACTIVE), true)).toBe(false);
  });
});
