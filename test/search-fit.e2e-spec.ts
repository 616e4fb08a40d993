import { activeVenue, EVERY_DAY, on } from './support/booking-fixtures';
import { TestApi } from './support/test-api';

const SEARCH = `query($input: AvailabilityInput!) {
  availableVenues(input: $input, first: 50) { edges { node { id } } }
}`;

/** A search offers the venues that fit the event: its seating, and its protocol level. */
describe('availability that fits the event', () => {
  let api: TestApi;
  let organizer: string;
  let museum: string; // 80 seats, room for 250 standing, security level 1
  let hall: string; // 300 seats, security level 3

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    const [qianmen, admin] = await Promise.all([
      api.login('qianmen@demo.local'),
      api.login('admin@demo.local'),
    ]);
    organizer = await api.login('organizer@demo.local');
    const common = { openingHours: EVERY_DAY('07:00', '22:00'), minNoticeHours: 0 };
    museum = await activeVenue(
      api,
      { qianmen, admin },
      { ...common, seatedCapacity: 80, standingCapacity: 250, securityLevel: 1 },
    );
    hall = await activeVenue(
      api,
      { qianmen, admin },
      { ...common, seatedCapacity: 300, standingCapacity: null, securityLevel: 3 },
    );
  });
  afterAll(() => api.close());

  const found = async (input: Record<string, unknown>) => {
    const result = await api.gql(
      SEARCH,
      {
        input: {
          startsAt: on(3, 4, '10:00'),
          endsAt: on(3, 4, '12:00'),
          subdistrictId: '11',
          ...input,
        },
      },
      organizer,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.availableVenues.edges
      .map((e: any) => e.node.id)
      .filter((id: string) => id === museum || id === hall);
  };

  it('counts seats by default: a 200-person round table is not offered an 80-seat museum', async () => {
    expect(await found({ attendees: 200 })).toEqual([hall]);
    expect(await found({ attendees: 200, seating: 'SEATED' })).toEqual([hall]);
  });

  it('counts standing room for a reception, best fit first', async () => {
    expect(await found({ attendees: 200, seating: 'STANDING' })).toEqual([museum, hall]);
  });

  it('leaves out venues below the security the protocol level needs', async () => {
    expect(await found({ attendees: 50 })).toEqual([museum, hall]);
    expect(await found({ attendees: 50, protocolLevel: 'HIGH' })).toEqual([hall]);
    expect(await found({ attendees: 50, protocolLevel: 'STATE' })).toEqual([hall]);
    // The stricter of the two asks wins.
    expect(await found({ attendees: 50, protocolLevel: 'STANDARD', minSecurityLevel: 3 })).toEqual([
      hall,
    ]);
  });
});
