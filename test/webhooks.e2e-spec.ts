import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { NotificationJob } from '@app/notifications';
import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { notificationsSettled } from './support/queue-jobs';
import { errorCode, TestApi } from './support/test-api';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

/** A webhook receiver: answers each POST with the next status in line (then 200). */
class Receiver {
  readonly received: { headers: IncomingHttpHeaders; body: string; at: number; answer: number }[] =
    [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly answers: number[],
  ) {}

  static async start(answers: number[] = []): Promise<Receiver> {
    let receiver: Receiver | undefined = undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = receiver!.answers.shift() ?? 200;
        receiver!.received.push({
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
          answer,
        });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    receiver = new Receiver(server, `http://127.0.0.1:${port}/hooks/venues`, answers);
    return receiver;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The receiving side's check, written from the documented scheme with another HMAC library. */
function verifies(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = String(headers['x-venues-timestamp']);
  const expected = bytesToHex(
    hmac(sha256, utf8ToBytes(secret), utf8ToBytes(`${timestamp}.${body}`)),
  );
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && headers['x-venues-signature'] === `sha256=${expected}`;
}

const REGISTER = `mutation($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { secret endpoint { id url active } }
}`;
const ENDPOINTS = `{ webhookEndpoints { id active disabledReason
  deliveries { id notificationId status deliveredAt attempts { statusCode error durationMs } } } }`;
const INBOX = `query($unread: Boolean) { notifications(unreadOnly: $unread, first: 50) {
  edges { node { id kind readAt critical } } } }`;
const SET_PREFERENCES = `mutation($input: [ChannelPreferenceInput!]!) {
  setNotificationPreferences(input: $input) { channel enabled } }`;

describe('webhooks and channel preferences', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: string;
  let qianmen: string;
  let organizer: string;
  let security: string;
  let venueId: string;
  let approvalVenueId: string;

  beforeAll(async () => {
    api = await TestApi.start({
      demo: true,
      env: { WEBHOOK_RETRY_BASE_MS: '300', REMINDER_PLAN: 'approvers@requested+1s' },
    });
    worker = await createWorkerApp(api.env);
    [admin, qianmen, organizer, security] = await Promise.all(
      ['admin', 'qianmen', 'organizer', 'security'].map((n) => api.login(`${n}@demo.local`)),
    );
    const hours = { securityLevel: 2, openingHours: EVERY_DAY('07:00', '22:00') };
    venueId = await activeVenue(api, { qianmen, admin }, hours);
    approvalVenueId = await activeVenue(
      api,
      { qianmen, admin },
      { ...hours, requiresApproval: true },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  async function book(input: Record<string, unknown>, approve = true): Promise<string> {
    const result = await api.gql(
      REQUEST,
      { input: { venueId, title: 'Delegation visit', attendees: 40, ...input }, key: nextKey() },
      organizer,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    const { id, status } = result.data.requestBooking;
    if (approve && status === 'PENDING_APPROVAL') {
      const APPROVE = 'mutation($id: ID!) { approveBooking(id: $id) { status } }';
      await api.gql(APPROVE, { id }, qianmen);
      expect((await api.gql(APPROVE, { id }, admin)).data.approveBooking.status).toBe('APPROVED');
    }
    return id;
  }

  const deliveriesOf = async (token: string) =>
    (await api.gql(ENDPOINTS, {}, token)).data.webhookEndpoints;

  it('delivers a signed notice exactly once to an endpoint that fails twice first, with backoff and a log', async () => {
    const receiver = await Receiver.start([500, 503]);
    try {
      const registered = await api.gql(
        REGISTER,
        { input: { url: receiver.url, description: 'security desk' } },
        security,
      );
      const { secret, endpoint } = registered.data.registerWebhook;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
      expect(endpoint).toMatchObject({ url: receiver.url, active: true });

      const booking = await book({
        startsAt: on(2, 3, '10:00'),
        endsAt: on(2, 3, '12:00'),
        foreignGuests: 12,
        delegationCountries: ['KE'],
      });

      const [log] = await eventually(
        () => deliveriesOf(security),
        ([e]) => e.deliveries.length === 1 && e.deliveries[0].status === 'DELIVERED',
      );
      const [delivery] = log.deliveries;
      expect(delivery.attempts.map((a: any) => a.statusCode)).toEqual([500, 503, 200]);
      expect(delivery.attempts[0].error).toBeNull();

      // Nothing more arrives once it was accepted: no event or attempt is left to run.
      expect(await notificationsSettled(api.app)).toEqual([]);
      expect(receiver.received.map((r) => r.answer)).toEqual([500, 503, 200]);
      // The same delivery id each time, so a receiver can drop repeats; signed afresh each time.
      expect(new Set(receiver.received.map((r) => r.headers['x-venues-delivery']))).toEqual(
        new Set([delivery.id]),
      );
      for (const request of receiver.received)
        expect(verifies(secret, request.headers, request.body)).toBe(true);
      expect(
        verifies('whsec_another', receiver.received[2].headers, receiver.received[2].body),
      ).toBe(false);
      // Backoff: 300 ms, then 600 ms at least.
      const [first, second, third] = receiver.received.map((r) => r.at);
      expect(second - first).toBeGreaterThanOrEqual(300);
      expect(third - second).toBeGreaterThanOrEqual(600);

      const payload = JSON.parse(receiver.received[2].body);
      expect(payload).toMatchObject({
        id: delivery.id,
        event: 'notification.created',
        notification: {
          id: delivery.notificationId,
          kind: 'SECURITY_APPROVED',
          bookingId: booking,
          critical: true,
          subject: { zh: '涉外活动安保通知：Delegation visit', en: expect.any(String) },
        },
      });
      expect(payload.notification.body.en).toContain('foreign guests: 12');
    } finally {
      await receiver.close();
    }
  });

  it('honours channel preferences for ordinary notices, while critical ones go through', async () => {
    const receiver = await Receiver.start();
    try {
      for (const token of [security, qianmen]) {
        await api.gql(REGISTER, { input: { url: receiver.url } }, token);
        const muted = await api.gql(
          SET_PREFERENCES,
          {
            input: [
              { channel: 'WEBHOOK', enabled: false },
              { channel: 'IN_APP', enabled: false },
            ],
          },
          token,
        );
        expect(muted.data.setNotificationPreferences).toEqual([
          { channel: 'IN_APP', enabled: false },
          { channel: 'SUBSCRIPTION', enabled: true },
          { channel: 'EMAIL', enabled: true },
          { channel: 'WEBHOOK', enabled: false },
        ]);
      }

      // Ordinary: the request waits for Qianmen's approval, and Qianmen is reminded after 1 s.
      const waiting = await api.gql(
        REQUEST,
        {
          input: {
            venueId: approvalVenueId,
            title: 'Film evening',
            attendees: 30,
            startsAt: on(2, 4, '18:00'),
            endsAt: on(2, 4, '20:00'),
          },
          key: nextKey(),
        },
        organizer,
      );
      expect(waiting.data.requestBooking.status).toBe('PENDING_APPROVAL');
      // Critical: the coordinators' security notice of a foreign-related event.
      const foreign = await book({
        startsAt: on(2, 5, '10:00'),
        endsAt: on(2, 5, '11:00'),
        foreignGuests: 3,
        delegationCountries: ['NZ'],
      });

      const qianmenInbox = await eventually(
        async () => (await api.gql(INBOX, { unread: false }, qianmen)).data.notifications.edges,
        (edges) => edges.some((e: any) => e.node.kind === 'APPROVAL_WAITING'),
      );
      const waitingNotice = qianmenInbox.find((e: any) => e.node.kind === 'APPROVAL_WAITING').node;
      expect(waitingNotice).toMatchObject({ critical: false, readAt: expect.any(String) });
      const unread = (await api.gql(INBOX, { unread: true }, qianmen)).data.notifications.edges;
      expect(unread.map((e: any) => e.node.id)).not.toContain(waitingNotice.id);

      const critical = await eventually(
        () => Promise.resolve(receiver.received),
        (received) => received.length >= 1,
      );
      const securityInbox = (await api.gql(INBOX, { unread: true }, security)).data.notifications
        .edges;
      // Every event handled, and no delivery to this receiver left to try. (The first test's
      // endpoint, whose receiver is gone, is still being retried.)
      expect(await notificationsSettled(api.app, [NotificationJob.OUTBOX_EVENT])).toEqual([]);
      const pendingHere = await eventually(
        async () =>
          Number(
            (
              await api.dataSource.query(
                `SELECT COUNT(*) AS n FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                  WHERE e.url = ? AND d.status = 'PENDING'`,
                [receiver.url],
              )
            )[0].n,
          ),
        (n) => n === 0,
      );
      expect(pendingHere).toBe(0);
      // Only the critical notice reached the endpoints, and it is unread in the inbox.
      expect(receiver.received).toHaveLength(1);
      const payload = JSON.parse(critical[0].body);
      expect(payload.notification).toMatchObject({ kind: 'SECURITY_APPROVED', bookingId: foreign });
      expect(securityInbox.map((e: any) => e.node.id)).toContain(payload.notification.id);
      const qianmenDeliveries = (await deliveriesOf(qianmen)).flatMap((e: any) => e.deliveries);
      expect(qianmenDeliveries).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('refuses bad webhook input and unknown channels, writing nothing', async () => {
    const count = async (table: string) =>
      Number((await api.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    const [endpointsBefore, preferencesBefore] = [
      await count('webhook_endpoints'),
      await count('notification_preferences'),
    ];
    for (const url of ['ftp://example.org/hook', 'not a url', 'https://user:pw@example.org/h']) {
      const refused = await api.gql(REGISTER, { input: { url } }, organizer);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].extensions.field).toBe('url');
    }
    const unknown = await api.gql(
      SET_PREFERENCES,
      {
        input: [
          { channel: 'EMAIL', enabled: false },
          { channel: 'SMS', enabled: false },
        ],
      },
      organizer,
    );
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toContain('SMS');

    const mine = (
      await api.gql(REGISTER, { input: { url: 'https://example.org/hook' } }, organizer)
    ).data.registerWebhook.endpoint.id;
    const REMOVE = 'mutation($id: ID!) { removeWebhook(id: $id) { id active disabledReason } }';
    expect(errorCode(await api.gql(REMOVE, { id: mine }, security))).toBe('NOT_FOUND');
    expect((await api.gql(REMOVE, { id: mine }, organizer)).data.removeWebhook).toMatchObject({
      active: false,
      disabledReason: 'removed by its owner',
    });
    expect(await count('webhook_endpoints')).toBe(endpointsBefore + 1);
    expect(await count('notification_preferences')).toBe(preferencesBefore);
  });
});

const REDELIVER = `mutation($id: ID!) {
  redeliverWebhook(deliveryId: $id) { id status attempts { statusCode } } }`;

describe('redelivering a failed webhook delivery', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let security: string;
  let organizer: string;
  let venueId: string;

  beforeAll(async () => {
    // Two quick attempts, so a delivery fails within a second.
    api = await TestApi.start({
      demo: true,
      env: { WEBHOOK_MAX_ATTEMPTS: '2', WEBHOOK_RETRY_BASE_MS: '100' },
    });
    worker = await createWorkerApp(api.env);
    const [admin, qianmen] = await Promise.all(
      ['admin', 'qianmen'].map((n) => api.login(`${n}@demo.local`)),
    );
    [security, organizer] = await Promise.all(
      ['security', 'organizer'].map((n) => api.login(`${n}@demo.local`)),
    );
    venueId = await activeVenue(
      api,
      { qianmen, admin },
      { securityLevel: 2, openingHours: EVERY_DAY('07:00', '22:00') },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  /** A security coordinator's endpoint at the receiver, and a notice for it whose delivery fails. */
  async function failedDelivery(receiver: Receiver, weeks: number) {
    const registered = await api.gql(REGISTER, { input: { url: receiver.url } }, security);
    const { secret, endpoint } = registered.data.registerWebhook;
    const booked = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          title: 'Trade delegation',
          attendees: 25,
          foreignGuests: 9,
          delegationCountries: ['CL'],
          startsAt: on(weeks, 2, '14:00'),
          endsAt: on(weeks, 2, '16:00'),
        },
        key: nextKey(),
      },
      organizer,
    );
    expect(booked.data.requestBooking.status).toBe('APPROVED');
    const endpoints = await eventually(
      async () => (await api.gql(ENDPOINTS, {}, security)).data.webhookEndpoints,
      (list: any[]) => list.find((e) => e.id === endpoint.id)?.deliveries[0]?.status === 'FAILED',
    );
    const [delivery] = endpoints.find((e: any) => e.id === endpoint.id).deliveries;
    expect(delivery.status).toBe('FAILED');
    return { secret, endpointId: endpoint.id as string, delivery };
  }

  it('queues a FAILED delivery again for its owner, who gets it once the receiver is back', async () => {
    // The receiver is broken until both attempts have run out, then answers 200 again.
    const receiver = await Receiver.start([500, 500]);
    try {
      const { secret, delivery } = await failedDelivery(receiver, 3);
      expect(delivery.attempts.map((a: any) => a.statusCode)).toEqual([500, 500]);
      expect(await notificationsSettled(api.app)).toEqual([]);
      expect(receiver.received).toHaveLength(2);

      // Not another person's: the organizer is told it does not exist, and nothing changes.
      const notMine = await api.gql(REDELIVER, { id: delivery.id }, organizer);
      expect(errorCode(notMine)).toBe('NOT_FOUND');
      expect(errorCode(await api.gql(REDELIVER, { id: '999999' }, security))).toBe('NOT_FOUND');
      expect(await notificationsSettled(api.app)).toEqual([]);
      expect(receiver.received).toHaveLength(2);

      const redelivered = await api.gql(REDELIVER, { id: delivery.id }, security);
      expect(redelivered.errors).toBeUndefined();
      expect(redelivered.data.redeliverWebhook.id).toBe(delivery.id);
      const [done] = await eventually(
        async () =>
          (await api.gql(ENDPOINTS, {}, security)).data.webhookEndpoints.flatMap(
            (e: any) => e.deliveries,
          ),
        ([d]) => d?.status === 'DELIVERED',
      );
      expect(done).toMatchObject({ id: delivery.id, status: 'DELIVERED' });
      expect(done.attempts.map((a: any) => a.statusCode)).toEqual([500, 500, 200]);
      expect(await notificationsSettled(api.app)).toEqual([]);

      // The same delivery, payload and signature scheme: the receiver can tell it is a repeat.
      const [first, , last] = receiver.received;
      expect(receiver.received.map((r) => r.answer)).toEqual([500, 500, 200]);
      expect(last.body).toBe(first.body);
      expect(last.headers['x-venues-delivery']).toBe(delivery.id);
      expect(verifies(secret, last.headers, last.body)).toBe(true);

      // Delivered now: a second redelivery is refused, and nothing more is sent.
      const again = await api.gql(REDELIVER, { id: delivery.id }, security);
      expect(again.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'INVALID_TRANSITION',
        field: 'deliveryId',
      });
      expect(await notificationsSettled(api.app)).toEqual([]);
      expect(receiver.received).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });

  it('refuses to redeliver to an endpoint its owner removed', async () => {
    const receiver = await Receiver.start([500, 500]);
    try {
      const { endpointId, delivery } = await failedDelivery(receiver, 4);
      await api.gql(
        'mutation($id: ID!) { removeWebhook(id: $id) { id } }',
        { id: endpointId },
        security,
      );
      const refused = await api.gql(REDELIVER, { id: delivery.id }, security);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'INVALID_TRANSITION',
      });
      const [row] = await api.dataSource.query(
        'SELECT status, attempts FROM webhook_deliveries WHERE id = ?',
        [delivery.id],
      );
      expect(row).toMatchObject({ status: 'FAILED', attempts: 2 });
      expect(await notificationsSettled(api.app)).toEqual([]);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });
});

describe('webhook targets outside test mode', () => {
  let api: TestApi;
  let organizer: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' } });
    organizer = await api.login('organizer@demo.local');
  });

  afterAll(() => api.close());

  it('refuses private, loopback and link-local addresses, by literal and by name', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://10.1.2.3/hook',
      'https://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost:3000/hook',
    ]) {
      const refused = await api.gql(REGISTER, { input: { url } }, organizer);
      expect({ url, code: errorCode(refused) }).toEqual({ url, code: 'BAD_USER_INPUT' });
    }
    const rows = await api.dataSource.query('SELECT COUNT(*) AS n FROM webhook_endpoints');
    expect(Number(rows[0].n)).toBe(0);
  });
});
