import { once } from 'node:events';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, createClient } from 'graphql-ws';
import { createPool, Pool } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { loadConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';
import {
  activeVenue,
  EVERY_DAY,
  nextKey,
  on,
  OVERLAPPING_PAIRS_SQL,
  REQUEST,
} from '../support/booking-fixtures';
import { eventually } from '../support/eventually';
import { errorCode, GraphQLResponse, TestApi } from '../support/test-api';
import { WorkerProcess } from '../support/worker-process';
import { count } from './support/figures';
import { causalCount, probeParentRowLock } from './support/for-update-probe';
import { GaleraCluster } from './support/galera-cluster';
import { RedisCluster, scanCount } from './support/redis-cluster';

const REQUIREMENTS =
  'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind skill headcount } }';
const ASSIGN = 'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }';
const OFFICERS =
  'query { staff(filter: { kind: SECURITY_OFFICER }, first: 50) { edges { node { id } } } }';

/** Pairs of one person's standing assignments that overlap in time. Must always be 0. */
const OVERLAPPING_ASSIGNMENTS_SQL = `
  SELECT COUNT(*) AS n FROM assignments a JOIN assignments b
    ON a.staff_id = b.staff_id AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
  WHERE a.status IN ('PROPOSED', 'ACCEPTED') AND b.status IN ('PROPOSED', 'ACCEPTED')`;
/** Requirements with more standing assignments than places. Must always be 0. */
const OVERFILLED_SQL = `
  SELECT COUNT(*) AS n FROM staffing_requirements r
  WHERE r.headcount < (SELECT COUNT(*) FROM assignments a
    WHERE a.requirement_id = r.id AND a.status IN ('PROPOSED', 'ACCEPTED'))`;

/** The server URL with the database (its path) set. */
function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Retries and exhausted retries of an API instance's transactions. */
const statsOf = (app: INestApplication) => app.get(TransactionRunner).stats;

function log(line: string): void {
  process.stdout.write(`[scale-out] ${line}\n`);
}

describe('scale-out on distributed engines', () => {
  describe('two API instances writing through different nodes of a three-node Galera cluster', () => {
    let galera: GaleraCluster | undefined;
    let apiA: TestApi | undefined;
    let apiB: INestApplication | undefined;
    let worker: INestApplicationContext | undefined;
    let observer: Pool | undefined;

    beforeAll(async () => {
      galera = await GaleraCluster.start();
      const [node1, node2, node3] = galera.serverUrls;
      apiA = await TestApi.start({ demo: true, databaseServer: node1 });
      const { database } = apiA;
      // Instance B and the worker write through the other nodes, with A's queues.
      apiB = await createApiApp({
        ...apiA.env,
        DATABASE_URL: withDatabase(node2, database.name),
      });
      await apiB.listen(0, '127.0.0.1');
      worker = await createWorkerApp({
        ...apiA.env,
        DATABASE_URL: withDatabase(node3, database.name),
      });
      observer = createPool({ uri: withDatabase(node3, database.name), connectionLimit: 2 });
    }, 8 * 60_000);

    afterAll(async () => {
      await observer?.end();
      await worker?.close();
      await apiB?.close();
      await apiA?.close();
      await galera?.stop();
    }, 3 * 60_000);

    it('is a real multi-primary cluster: SELECT ... FOR UPDATE alone lets overlaps commit, an UPDATE of the parent row does not', async () => {
      const servers = galera!.serverUrls;
      const selectOnly = await probeParentRowLock(
        servers,
        apiA!.database.name,
        'select-for-update',
        60,
      );
      const updated = await probeParentRowLock(servers, apiA!.database.name, 'update', 60);
      log(
        `parent row lock probe, ${selectOnly.attempts} concurrent attempts for one slot over ${servers.length} nodes: ` +
          `SELECT ... FOR UPDATE only: ${selectOnly.committed} committed (${selectOnly.retries} retries); ` +
          `UPDATE of the parent row: ${updated.committed} committed (${updated.retries} certification aborts retried)`,
      );
      // One lock holder per node saw the slot free at once: each node's lock is its own.
      expect(selectOnly.committed).toBe(servers.length);
      expect(updated.committed).toBe(1);
      expect(updated.retries).toBeGreaterThan(0);
    });

    it('never double-books a venue or a person under concurrent load through both instances', async () => {
      const api = apiA!;
      const urls = [
        api.url,
        `http://127.0.0.1:${(apiB!.getHttpServer().address() as { port: number }).port}`,
      ];
      const gqlOn = async (instance: number, query: string, variables: object, token: string) => {
        const response = await fetch(`${urls[instance % 2]}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
        return { status: response.status, ...body };
      };
      const [admin, qianmen, organizer, organizer2] = await Promise.all(
        ['admin', 'qianmen', 'organizer', 'organizer2'].map((n) => api.login(`${n}@demo.local`)),
      );
      const venues: string[] = [];
      for (let i = 0; i < 4; i++) {
        venues.push(
          await activeVenue(
            api,
            { qianmen, admin },
            { securityLevel: 1, openingHours: EVERY_DAY('07:00', '22:00') },
          ),
        );
      }

      // 64 requests, 16 per venue, two hours each, starting every half hour from 08:00:
      // many overlap, through both instances and for two organizers at once.
      const bookingAttempts = venues.flatMap((venueId, v) =>
        Array.from({ length: 16 }, (_, i) => {
          const start = 8 * 60 + (i % 8) * 30;
          const hhmm = (m: number) =>
            `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          return {
            instance: i + v,
            token: i % 4 < 2 ? organizer : organizer2,
            input: {
              venueId,
              title: `Concurrent ${v}-${i}`,
              attendees: 40,
              startsAt: on(5, 3, hhmm(start)),
              endsAt: on(5, 3, hhmm(start + 120)),
            },
          };
        }),
      );
      const booked = await Promise.all(
        bookingAttempts.map((a) =>
          gqlOn(a.instance, REQUEST, { input: a.input, key: nextKey() }, a.token),
        ),
      );
      const bookingCodes = booked.map((r) => errorCode(r) ?? 'BOOKED');
      const bookingOverlaps = await causalCount(observer!, OVERLAPPING_PAIRS_SQL);

      // Four events at the four venues, pairwise overlapping in time, one officer each (set by
      // hand, so that two instances filling one place at once would overfill it); twelve
      // officers are each offered to every event, through both instances at once.
      const eventTimes = [
        ['10:00', '12:00'],
        ['10:30', '12:30'],
        ['11:00', '13:00'],
        ['11:30', '13:30'],
      ];
      const requirements: string[] = [];
      const staffedBookings: string[] = [];
      for (const [v, [from, until]] of eventTimes.entries()) {
        const result = await api.gql(
          REQUEST,
          {
            input: {
              venueId: venues[v],
              title: `Staffed ${v}`,
              attendees: 40,
              startsAt: on(6, 3, from),
              endsAt: on(6, 3, until),
            },
            key: nextKey(),
          },
          organizer,
        );
        if (!result.data) throw new Error(JSON.stringify(result.errors));
        staffedBookings.push(result.data.requestBooking.id);
        const listed = await api.gql(REQUIREMENTS, { id: result.data.requestBooking.id }, admin);
        const requirement: string = listed.data.staffingRequirements.find(
          (r: { kind: string; skill: string | null }) => r.kind === 'SECURITY_OFFICER' && !r.skill,
        ).id;
        const overridden = await api.gql(
          'mutation($id: ID!) { overrideStaffingRequirement(id: $id, headcount: 1) { headcount } }',
          { id: requirement },
          admin,
        );
        expect(overridden.data?.overrideStaffingRequirement.headcount).toBe(1);
        requirements.push(requirement);
      }
      const officers: string[] = (await api.gql(OFFICERS, {}, admin)).data.staff.edges
        .map((e: { node: { id: string } }) => e.node.id)
        .slice(0, 12);
      const assignmentAttempts = officers.flatMap((staffId, s) =>
        requirements.map((requirementId, r) => ({ instance: s + r, staffId, requirementId })),
      );
      // The planner staffs each event too, through the other instance; the manual attempts
      // follow a moment later, so that they meet the planner's writes rather than its solving.
      const [assigned, planned] = await Promise.all([
        new Promise((resolve) => setTimeout(resolve, 300)).then(() =>
          Promise.all(
            assignmentAttempts.map((a) =>
              gqlOn(a.instance, ASSIGN, { r: a.requirementId, s: a.staffId }, admin),
            ),
          ),
        ),
        Promise.all(
          staffedBookings.map((bookingId, v) =>
            gqlOn(
              v + 1,
              'mutation($id: ID!) { autoStaffBooking(bookingId: $id) { assigned { id } } }',
              { id: bookingId },
              admin,
            ),
          ),
        ),
      ]);
      const plannedCount = planned.reduce(
        (sum, r) => sum + ((r.data?.autoStaffBooking.assigned as unknown[]) ?? []).length,
        0,
      );
      const assignmentCodes = assigned.map((r) => errorCode(r) ?? 'ASSIGNED');
      const assignmentOverlaps = await causalCount(observer!, OVERLAPPING_ASSIGNMENTS_SQL);
      const overfilled = await causalCount(observer!, OVERFILLED_SQL);

      const stats = [statsOf(api.app), statsOf(apiB!)];
      // The instances really wrote through different nodes.
      const portOf = async (app: INestApplication) =>
        Number((await app.get(DataSource).query('SELECT @@port AS port'))[0].port);
      expect([await portOf(api.app), await portOf(apiB!)]).toEqual(
        galera!.serverUrls.slice(0, 2).map((url) => Number(new URL(url).port)),
      );
      const tally = (codes: string[]) =>
        Object.entries(
          codes.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {}),
        )
          .map(([code, n]) => `${code} ${n}`)
          .join(', ');
      log(
        `Galera load: ${bookingAttempts.length} booking attempts (${tally(bookingCodes)}), ` +
          `${assignmentAttempts.length} assignment attempts (${tally(assignmentCodes)}) and ${planned.length} planner runs (${plannedCount} placed); ` +
          `transaction retries A ${stats[0].retries}, B ${stats[1].retries}; most attempts A ${stats[0].mostAttempts}, B ${stats[1].mostAttempts}; ` +
          `exhausted A ${stats[0].exhausted}, B ${stats[1].exhausted}; ` +
          `overlapping bookings ${bookingOverlaps}, overlapping assignments ${assignmentOverlaps}, overfilled requirements ${overfilled}`,
      );
      count('attempts', bookingAttempts.length + assignmentAttempts.length + planned.length);
      count('overlapsGalera', bookingOverlaps + assignmentOverlaps + overfilled);

      expect(bookingOverlaps).toBe(0);
      expect(assignmentOverlaps).toBe(0);
      expect(overfilled).toBe(0);
      // Every refusal is a rule's answer; none is a transaction that ran out of retries.
      expect(new Set(bookingCodes)).toEqual(new Set(['BOOKED', 'SLOT_TAKEN']));
      expect(
        assignmentCodes.filter(
          // CONFLICT: every place of the requirement is filled.
          (c) => !['ASSIGNED', 'STAFF_CONFLICT', 'CONFLICT'].includes(c),
        ),
      ).toEqual([]);
      expect(stats[0].exhausted + stats[1].exhausted).toBe(0);
      // The load did contend: every venue and every requirement got something.
      for (const venueId of venues) {
        expect(
          bookingAttempts.some(
            (a, i) => a.input.venueId === venueId && bookingCodes[i] === 'BOOKED',
          ),
        ).toBe(true);
      }
      expect(planned.map(errorCode)).toEqual(staffedBookings.map(() => undefined));
      // Each place is filled once: an event stays empty only if every officer has another.
      expect(assignmentCodes.filter((c) => c === 'ASSIGNED').length + plannedCount).toBe(
        requirements.length,
      );
      expect(
        await causalCount(
          observer!,
          `SELECT COUNT(*) AS n FROM assignments WHERE status IN ('PROPOSED', 'ACCEPTED')
             AND requirement_id IN (${requirements.map(Number).join(',')})`,
        ),
      ).toBe(requirements.length);
      // Galera needs a primary key on every table.
      const withoutKey = await causalCount(
        observer!,
        `SELECT COUNT(*) AS n FROM information_schema.tables t WHERE t.table_schema = DATABASE()
           AND t.table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c
           WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')`,
      );
      expect(withoutKey).toBe(0);
    });
  });

  describe('two API instances and two workers on a three-master Redis Cluster', () => {
    /** Two reminders per booking, due within the test. */
    const PLAN = 'organizer@start-50s,organizer@start-45s';
    const BOOKINGS = 8;
    let redis: RedisCluster | undefined;
    let apiA: TestApi | undefined;
    let apiB: INestApplication | undefined;
    const workers: WorkerProcess[] = [];
    const clients: Client[] = [];

    beforeAll(async () => {
      redis = await RedisCluster.start();
      const prefix = `{test${Math.random().toString(16).slice(2, 10)}}`;
      apiA = await TestApi.start({
        demo: true,
        env: { REDIS_CLUSTER_NODES: redis.nodes, QUEUE_PREFIX: prefix, REMINDER_PLAN: PLAN },
      });
      apiB = await createApiApp(apiA.env);
      await apiB.listen(0, '127.0.0.1');
      for (let i = 0; i < 2; i++) workers.push(WorkerProcess.start(apiA.env));
      for (const worker of workers) {
        if (!(await worker.ready(120_000))) throw new Error(`worker not ready:\n${worker.output}`);
      }
    }, 5 * 60_000);

    afterAll(async () => {
      await Promise.all(clients.map(async (client) => client.dispose()));
      await Promise.all(
        workers.map(async (worker) => {
          if (worker.child.exitCode !== null) return;
          const exited = once(worker.child, 'exit');
          worker.child.kill('SIGTERM');
          await exited;
        }),
      );
      await apiB?.close();
      await apiA?.close();
      await redis?.stop();
    }, 3 * 60_000);

    /** Every notification the subscriber hears, by id, through the given instance. */
    function listen(port: number, token: string, heard: Map<string, number>): Promise<void> {
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      });
      clients.push(client);
      return new Promise((resolve, reject) => {
        client.subscribe<{ notificationReceived: { id: string } }>(
          { query: 'subscription { notificationReceived { id kind } }' },
          {
            next: ({ data }) => {
              const id = data!.notificationReceived.id;
              heard.set(id, (heard.get(id) ?? 0) + 1);
            },
            error: reject,
            complete: () => undefined,
          },
        );
        client.on('connected', () => resolve());
      });
    }

    it('books, notifies and reminds across instances, each notice delivered exactly once', async () => {
      const api = apiA!;
      const portB = (apiB!.getHttpServer().address() as { port: number }).port;
      const portA = Number(new URL(api.url).port);
      const urls = [api.url, `http://127.0.0.1:${portB}`];
      const [admin, qianmen, organizer, security] = await Promise.all(
        ['admin', 'qianmen', 'organizer', 'security'].map((n) => api.login(`${n}@demo.local`)),
      );
      // A venue per booking: they all start at once, so that their reminders are due soon.
      const venues: string[] = [];
      for (let i = 0; i < BOOKINGS; i++) {
        venues.push(
          await activeVenue(api, { qianmen, admin }, { openingHours: EVERY_DAY('00:00', '24:00') }),
        );
      }
      // The organizer listens on A, the security coordinator on B.
      const organizerHeard = new Map<string, number>();
      const securityHeard = new Map<string, number>();
      await listen(portA, organizer, organizerHeard);
      await listen(portB, security, securityHeard);
      await new Promise((resolve) => setTimeout(resolve, 1000)); // subscribed before the changes

      // Half through each instance; each with foreign guests, so security hears of it.
      // Reminders due a minute or more from now: still ahead when a busy worker schedules them.
      const startsAt = Math.ceil((Date.now() + 100_000) / 60_000) * 60_000;
      const made = await Promise.all(
        Array.from({ length: BOOKINGS }, async (_, i) => {
          const start = new Date(startsAt);
          const response = await fetch(`${urls[i % 2]}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer}` },
            body: JSON.stringify({
              query: REQUEST,
              variables: {
                input: {
                  venueId: venues[i],
                  title: `Cluster delegation ${i}`,
                  attendees: 20,
                  foreignGuests: 5,
                  startsAt: start.toISOString(),
                  endsAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
                },
                key: nextKey(),
              },
            }),
          });
          const body = (await response.json()) as GraphQLResponse;
          if (!body.data) throw new Error(JSON.stringify(body.errors));
          return body.data.requestBooking.id as string;
        }),
      );
      expect(new Set(made).size).toBe(BOOKINGS);

      const expectedReminders = BOOKINGS * PLAN.split(',').length;
      const rows = () =>
        api.dataSource.query<{ id: string; kind: string; deliveryKey: string }[]>(
          `SELECT id, kind, delivery_key AS deliveryKey FROM notifications`,
        );
      const reminders = async () => (await rows()).filter((n) => n.kind === 'REMINDER');
      await eventually(reminders, (r) => r.length >= expectedReminders, 200_000);
      await eventually(
        async () => securityHeard.size,
        (n) => n >= BOOKINGS,
        30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 3000)); // any duplicate would show by now

      const all = await rows();
      const delivered = all.filter((n) => n.kind === 'REMINDER');
      const keys = new Map<string, number>();
      for (const n of all) keys.set(n.deliveryKey, (keys.get(n.deliveryKey) ?? 0) + 1);
      const duplicateRows = [...keys.values()].reduce((sum, n) => sum + n - 1, 0);
      const ids = new Set(all.map((n) => String(n.id)));
      const heardTwice = [...organizerHeard.values(), ...securityHeard.values()].reduce(
        (sum, n) => sum + n - 1,
        0,
      );
      const organizerIds = (
        await api.dataSource.query<{ id: string }[]>(
          `SELECT n.id FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE u.email = 'organizer@demo.local'`,
        )
      ).map((r) => String(r.id));
      const securityIds = (
        await api.dataSource.query<{ id: string }[]>(
          `SELECT n.id FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE u.email = 'security@demo.local'`,
        )
      ).map((r) => String(r.id));
      const unheard =
        organizerIds.filter((id) => !organizerHeard.has(id)).length +
        securityIds.filter((id) => !securityHeard.has(id)).length;
      const lost = Math.max(0, expectedReminders - delivered.length);
      log(
        `Redis Cluster: ${BOOKINGS} bookings through two instances, ${all.length} notifications ` +
          `(${delivered.length} of ${expectedReminders} reminders), heard over subscriptions: organizer on A ${organizerHeard.size}, ` +
          `security on B ${securityHeard.size}; duplicate rows ${duplicateRows}, heard twice ${heardTwice}, unheard ${unheard}, lost reminders ${lost}`,
      );
      count('duplicateDeliveries', duplicateRows + heardTwice);
      count('lostReminders', lost);

      expect(delivered.length).toBe(expectedReminders);
      expect(duplicateRows).toBe(0);
      expect(heardTwice).toBe(0);
      expect(unheard).toBe(0);
      expect([...organizerHeard.keys(), ...securityHeard.keys()].every((id) => ids.has(id))).toBe(
        true,
      );
      // The queues and limits lived on the cluster, not on the single server of REDIS_URL.
      const prefix = api.env.QUEUE_PREFIX!;
      const pattern = `${prefix.replace(/[{}[\]*?]/g, '\\$&')}*`;
      expect(await redis!.keyCount(pattern)).toBeGreaterThan(0);
      // A failed sign-in is remembered for a day (the per-minute counters may have expired).
      const refused = await fetch(`${urls[1]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation { login(email: "organizer@demo.local", password: "wrong") { accessToken } }',
        }),
      });
      expect(((await refused.json()) as GraphQLResponse).errors).toBeDefined();
      expect(await redis!.keyCount(`${pattern.slice(0, -1)}:limit:login-failures:*`)).toBe(1);
      for (const url of urls) expect((await fetch(`${url}/health`)).status).toBe(200);
      expect(await scanCount(Number(new URL(loadConfig().redis.url).port || 6379), pattern)).toBe(
        0,
      );
      // Both workers were there to take jobs, and neither failed on the cluster.
      for (const worker of workers) {
        expect(worker.child.exitCode).toBeNull();
        expect(worker.output).not.toMatch(/CROSSSLOT|MOVED|CLUSTERDOWN/);
      }
    });
  });
});
