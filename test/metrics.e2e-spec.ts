import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { BookingReader, BookingStatus } from '@app/bookings';
import { MetricsEndpoint } from '@app/common';
import { loadConfig, ReminderRule } from '@app/config';
import { redisOptionsFor } from '@app/database';
import { NOTIFICATIONS_QUEUE, NotificationJob, ReminderPayload } from '@app/notifications';
import { activeVenue, bookSoon, EVERY_DAY } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { Scrape } from './support/prometheus';
import { TestApi } from './support/test-api';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

const HOUR = 3_600_000;
const WHO_AM_I = 'query WhoAmI { me { email } }';
const QUEUES = ['bookings', 'notifications', 'reports', 'staffing'];
const STATES = ['active', 'delayed', 'failed', 'waiting'];

describe('metrics', () => {
  describe('on the API port, for district admins', () => {
    let api: TestApi;
    let admin: string;
    let organizer: string;
    let venueId: string;

    beforeAll(async () => {
      api = await TestApi.start({ demo: true });
      const qianmen = await api.login('qianmen@demo.local');
      [admin, organizer] = await Promise.all(
        ['admin', 'organizer'].map((n) => api.login(`${n}@demo.local`)),
      );
      venueId = await activeVenue(
        api,
        { qianmen, admin },
        { openingHours: EVERY_DAY('00:00', '24:00') },
      );
    });

    afterAll(() => api.close());

    const scrape = () => Scrape.of(`${api.url}/metrics`, admin);

    it('refuses callers without a token or other than a district admin', async () => {
      const anonymous = await fetch(`${api.url}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      for (const email of ['organizer@demo.local', 'qianmen@demo.local']) {
        const refused = await fetch(`${api.url}/metrics`, {
          headers: { authorization: `Bearer ${await api.login(email)}` },
        });
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
      const allowed = await fetch(`${api.url}/metrics`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    });

    it('times each operation by name, and counts errors by code', async () => {
      for (let i = 0; i < 3; i++)
        expect((await api.gql(WHO_AM_I, {}, organizer)).data).toBeTruthy();
      const refused = await api.gql('query Secret { me { email } }');
      expect(refused.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const invalid = await api.gql('{ noSuchField }', {}, organizer);
      expect(invalid.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const unparsable = await api.gql('query {', {}, organizer);
      expect(unparsable.errors?.[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');

      const metrics = await scrape();
      const operations = metrics.family('graphql_operation_duration_seconds');
      expect(operations.type).toBe('HISTOGRAM');
      const whoAmI = metrics.samples('graphql_operation_duration_seconds', {
        operation: 'WhoAmI',
        type: 'query',
      });
      expect(whoAmI).toHaveLength(1);
      expect(Number(whoAmI[0].count)).toBe(3);
      expect(Number(whoAmI[0].sum)).toBeGreaterThan(0);
      expect(Number(whoAmI[0].buckets!['+Inf'])).toBe(3);
      expect(metrics.labelValues('graphql_operation_duration_seconds', 'operation')).toEqual(
        expect.arrayContaining(['WhoAmI', 'Secret', 'anonymous', 'invalid']),
      );

      expect(metrics.family('graphql_errors_total').type).toBe('COUNTER');
      expect(
        metrics.value('graphql_errors_total', { code: 'UNAUTHENTICATED', operation: 'Secret' }),
      ).toBe(1);
      expect(
        metrics.value('graphql_errors_total', {
          code: 'GRAPHQL_VALIDATION_FAILED',
          operation: 'anonymous',
        }),
      ).toBe(1);
      expect(
        metrics.value('graphql_errors_total', {
          code: 'GRAPHQL_PARSE_FAILED',
          operation: 'invalid',
        }),
      ).toBe(1);
      // An operation that succeeded has no error series.
      expect(metrics.samples('graphql_errors_total', { operation: 'WhoAmI' })).toEqual([]);
    });

    it('times HTTP requests by method, route and status', async () => {
      await fetch(`${api.url}/health`);
      await fetch(`${api.url}/no/such/page`);
      const metrics = await scrape();
      expect(metrics.family('http_request_duration_seconds').type).toBe('HISTOGRAM');
      expect(
        metrics.value('http_request_duration_seconds', {
          method: 'POST',
          route: '/graphql',
          status: '200',
        }),
      ).toBeGreaterThan(3);
      expect(
        metrics.value('http_request_duration_seconds', {
          method: 'GET',
          route: '/metrics',
          status: '401',
        }),
      ).toBe(1);
      expect(
        metrics.value('http_request_duration_seconds', {
          method: 'GET',
          route: '/health',
          status: '200',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metrics.value('http_request_duration_seconds', {
          method: 'GET',
          route: 'other',
          status: '404',
        }),
      ).toBeGreaterThanOrEqual(1);
      // Paths are never labels themselves.
      expect(metrics.labelValues('http_request_duration_seconds', 'route')).not.toContain(
        '/no/such/page',
      );
    });

    it('folds operation names past the limit into "other"', async () => {
      for (let i = 0; i < 110; i++) await api.gql(`query Probe${i} { __typename }`);
      const names = (await scrape()).labelValues('graphql_operation_duration_seconds', 'operation');
      expect(names).toContain('other');
      expect(names).toContain('Probe0');
      expect(names).not.toContain('Probe109');
      const named = names.filter((n) => !['anonymous', 'invalid', 'other'].includes(n));
      expect(named.length).toBeLessThanOrEqual(100);
    });

    it('reports every queue by state, the outbox backlog, the pool and the planner', async () => {
      const booked = await bookSoon(api, organizer, venueId, 'Metrics meeting', 2 * HOUR);
      expect(booked.id).toBeTruthy();
      const window = {
        from: new Date(Date.now() + 86_400_000).toISOString(),
        to: new Date(Date.now() + 8 * 86_400_000).toISOString(),
      };
      const planned = await api.gql(
        'mutation Plan($from: DateTime!, $to: DateTime!) { planStaffing(from: $from, to: $to) { statistics { places } } }',
        window,
        admin,
      );
      expect(planned.errors).toBeUndefined();

      const metrics = await scrape();
      for (const queue of QUEUES) {
        for (const state of STATES) {
          expect(metrics.value('bullmq_queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
        }
      }
      // No worker runs here: the request's event waits in the outbox.
      const [{ n }] = await api.dataSource.query(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE relayed_at IS NULL',
      );
      expect(Number(n)).toBeGreaterThan(0);
      expect(metrics.value('outbox_unrelayed_events')).toBe(Number(n));
      expect(metrics.value('outbox_oldest_unrelayed_age_seconds')).toBeGreaterThan(0);

      expect(metrics.value('db_pool_max_connections')).toBe(10);
      const inUse = metrics.value('db_pool_connections', { state: 'in_use' });
      const free = metrics.value('db_pool_connections', { state: 'free' });
      expect(inUse + free).toBeGreaterThan(0);
      expect(inUse + free).toBeLessThanOrEqual(10);
      expect(metrics.value('db_pool_queued_requests')).toBeGreaterThanOrEqual(0);

      for (const phase of ['load', 'solve', 'write', 'total']) {
        expect(metrics.value('staffing_planner_duration_seconds', { phase })).toBe(1);
      }
      expect(metrics.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    });
  });

  describe('on a port of their own, and from the worker', () => {
    let api: TestApi;
    let worker: INestApplicationContext | undefined;

    beforeAll(async () => {
      api = await TestApi.start({ demo: true, env: { METRICS_PORT: '0' } });
    });

    afterAll(async () => {
      await worker?.close();
      await api.close();
    });

    it('serves the API metrics on loopback only, and not on the API port', async () => {
      const endpoint = api.app.get(MetricsEndpoint);
      expect(endpoint.listeningAddress).toBe('127.0.0.1');
      const admin = await api.login('admin@demo.local');
      const onApiPort = await fetch(`${api.url}/metrics`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(onApiPort.status).toBe(404);
      await api.gql(WHO_AM_I, {}, admin);
      const metrics = await Scrape.of(`http://127.0.0.1:${endpoint.listeningPort}/metrics`);
      expect(metrics.value('graphql_operation_duration_seconds', { operation: 'WhoAmI' })).toBe(1);
      const elsewhere = await fetch(`http://127.0.0.1:${endpoint.listeningPort}/graphql`);
      expect(elsewhere.status).toBe(404);
    });

    it('keeps the worker running when its metrics port is taken', async () => {
      const taken = api.app.get(MetricsEndpoint).listeningPort!;
      const other = await createWorkerApp({
        ...api.env,
        WORKER_METRICS_PORT: String(taken),
        LOG_LEVEL: 'fatal',
      });
      try {
        expect(other.get(MetricsEndpoint).listeningPort).toBeNull();
      } finally {
        await other.close();
      }
    });

    it('has the worker report its jobs, reminder lateness and pool, and relay the outbox', async () => {
      const admin = await api.login('admin@demo.local');
      const qianmen = await api.login('qianmen@demo.local');
      const organizer = await api.login('organizer@demo.local');
      const venueId = await activeVenue(
        api,
        { qianmen, admin },
        { openingHours: EVERY_DAY('00:00', '24:00') },
      );
      const booked = await bookSoon(api, organizer, venueId, 'Reminded meeting', 2 * HOUR);
      const booking = (await api.app.get(BookingReader).byId(booked.id))!;
      const apiScrape = () =>
        Scrape.of(`http://127.0.0.1:${api.app.get(MetricsEndpoint).listeningPort}/metrics`);
      expect((await apiScrape()).value('outbox_unrelayed_events')).toBeGreaterThan(0);

      worker = await createWorkerApp({ ...api.env, WORKER_METRICS_PORT: '0' });
      const endpoint = worker.get(MetricsEndpoint);
      expect(endpoint.listeningAddress).toBe('127.0.0.1');
      const workerScrape = () => Scrape.of(`http://127.0.0.1:${endpoint.listeningPort}/metrics`);

      // A reminder for the booking as it is, due shortly.
      const rule: ReminderRule = {
        audience: 'organizer',
        anchor: booking.status === BookingStatus.APPROVED ? 'start' : 'requested',
        offsetMs: -60_000,
        label: 'metrics-probe',
      };
      const queue = new Queue(NOTIFICATIONS_QUEUE, {
        connection: redisOptionsFor(loadConfig().redis.url),
        prefix: api.env.QUEUE_PREFIX,
      });
      try {
        const payload: ReminderPayload = { bookingId: booking.id, version: booking.version, rule };
        await queue.add(NotificationJob.REMINDER, payload, { delay: 300 });
      } finally {
        await queue.close();
      }

      const probes = async () =>
        Number(
          (
            await api.dataSource.query(
              'SELECT COUNT(*) AS n FROM notifications WHERE booking_id = ? AND delivery_key LIKE ?',
              [booking.id, '%-metrics-probe-%'],
            )
          )[0].n,
        );
      expect(await eventually(probes, (n) => n === 1)).toBe(1);

      const reminderJobs = { queue: 'notifications', name: 'reminder', outcome: 'completed' };
      const relayJobs = { queue: 'notifications', name: 'relay-outbox', outcome: 'completed' };
      // The relay runs on its own schedule: wait for a pass of it as well as for our reminder.
      const reminded = await eventually(
        workerScrape,
        (m) =>
          m.samples('bullmq_job_duration_seconds', reminderJobs).length > 0 &&
          m.samples('bullmq_job_duration_seconds', relayJobs).length > 0,
      );
      expect(reminded.family('reminder_lateness_seconds').type).toBe('HISTOGRAM');
      // Ours, and any the relay planned for bookings that fell due at once.
      const sent = reminded.value('reminder_lateness_seconds');
      expect(sent).toBeGreaterThanOrEqual(1);
      expect(reminded.value('bullmq_job_duration_seconds', reminderJobs)).toBeGreaterThanOrEqual(
        sent,
      );
      expect(reminded.value('bullmq_job_duration_seconds', relayJobs)).toBeGreaterThan(0);
      expect(reminded.value('db_pool_max_connections')).toBe(10);
      expect(reminded.value('db_pool_connections', { state: 'free' })).toBeGreaterThanOrEqual(0);
      expect(reminded.value('process_resident_memory_bytes')).toBeGreaterThan(0);

      // The worker relayed the outbox: nothing waits, and the oldest waiting is 0 s old.
      const relayed = await eventually(apiScrape, (m) => m.value('outbox_unrelayed_events') === 0);
      expect(relayed.value('outbox_unrelayed_events')).toBe(0);
      expect(relayed.value('outbox_oldest_unrelayed_age_seconds')).toBe(0);
    });
  });
});
