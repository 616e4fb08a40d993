import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { TestApi } from './support/test-api';
import { createApiApp } from '../apps/api/src/bootstrap';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

const RECEIVED = 'subscription { notificationReceived { kind bookingId subject } }';

describe('notificationReceived across API instances', () => {
  let api: TestApi;
  let second: INestApplication;
  let worker: INestApplicationContext;
  const clients: Client[] = [];
  let organizer: string;
  let security: string;
  let venueId: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    second = await createApiApp(api.env);
    await second.listen(0, '127.0.0.1');
    worker = await createWorkerApp(api.env);
    const [admin, qianmen] = await Promise.all(
      ['admin', 'qianmen'].map((n) => api.login(`${n}@demo.local`)),
    );
    [organizer, security] = await Promise.all(
      ['organizer', 'security'].map((n) => api.login(`${n}@demo.local`)),
    );
    venueId = await activeVenue(
      api,
      { qianmen, admin },
      { securityLevel: 2, openingHours: EVERY_DAY('07:00', '22:00') },
    );
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await worker?.close();
    await second?.close();
    await api.close();
  });

  function subscribe(port: number, token: string) {
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    clients.push(client);
    return client.iterate<{ notificationReceived: Record<string, unknown> }>({ query: RECEIVED });
  }

  it('delivers to a subscriber on one instance what a change through the other caused', async () => {
    const port = (second.getHttpServer().address() as { port: number }).port;
    const received = subscribe(port, security);
    const first = received.next();
    await new Promise((resolve) => setTimeout(resolve, 500)); // subscribed before the change

    const result = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          title: 'Korean trade delegation',
          attendees: 30,
          foreignGuests: 12,
          startsAt: on(3, 3, '10:00'),
          endsAt: on(3, 3, '12:00'),
        },
        key: nextKey(),
      },
      organizer,
    );
    const booking = result.data.requestBooking.id;
    const next = await Promise.race([
      first,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no notification')), 20_000),
      ),
    ]);
    expect(next.value?.data?.notificationReceived).toEqual({
      kind: 'SECURITY_APPROVED',
      bookingId: booking,
      subject: '涉外活动安保通知：Korean trade delegation',
    });
  });

  it('refuses a connection without a valid token', async () => {
    const port = (second.getHttpServer().address() as { port: number }).port;
    // The handshake fails: graphql-ws ends the subscription with the close event.
    await expect(subscribe(port, 'not-a-token').next()).rejects.toMatchObject({
      code: 4403,
      reason: 'Access token is invalid',
    });
  });
});
