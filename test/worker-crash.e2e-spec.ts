import { once } from 'node:events';
import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { notificationsSettled } from './support/queue-jobs';
import { SmtpSink } from './support/smtp-sink';
import { TestApi } from './support/test-api';
import { WorkerProcess } from './support/worker-process';

const BURST = 20;
/** The burst's notices: the coordinator's, one per auto-approved foreign-related booking. */
const BURST_NOTICES = "FROM notifications WHERE kind = 'SECURITY_APPROVED'";

describe('a worker killed during a burst of deliveries', () => {
  let api: TestApi;
  let smtp: SmtpSink;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    api = await TestApi.start({ demo: true, env: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGTERM');
      await once(worker.child, 'exit');
    }
    await api.close();
    await smtp.close();
  });

  const count = async (sql: string) => Number((await api.dataSource.query(sql))[0].n);

  it('delivers every notification exactly once after SIGKILL and a restart', async () => {
    const [admin, qianmen, organizer] = await Promise.all(
      ['admin', 'qianmen', 'organizer'].map((n) => api.login(`${n}@demo.local`)),
    );
    const venueId = await activeVenue(
      api,
      { qianmen, admin },
      { securityLevel: 2, openingHours: EVERY_DAY('07:00', '22:00') },
    );
    worker = WorkerProcess.start(api.env);
    expect(await worker.ready()).toBe(true);

    const slots = [1, 2, 3, 4, 5].flatMap((day) =>
      ['08:00', '10:00', '12:00', '14:00'].map((hour) => [day, hour] as const),
    );
    for (const [day, hour] of slots.slice(0, BURST)) {
      const [h] = hour.split(':').map(Number);
      const result = await api.gql(
        REQUEST,
        {
          input: {
            venueId,
            title: `Delegation ${day}-${hour}`,
            attendees: 20,
            foreignGuests: 5,
            startsAt: on(3, day as 1, hour),
            endsAt: on(3, day as 1, `${String(h + 1).padStart(2, '0')}:00`),
          },
          key: nextKey(),
        },
        organizer,
      );
      expect(result.errors).toBeUndefined();
    }
    // Kill it while it is delivering: some notices written, not all.
    await eventually(
      () => count(`SELECT COUNT(*) AS n ${BURST_NOTICES}`),
      (n) => n >= 3,
    );
    worker.child.kill('SIGKILL');
    await once(worker.child, 'exit');
    const atKill = await count(`SELECT COUNT(*) AS n ${BURST_NOTICES}`);

    worker = WorkerProcess.start(api.env);
    expect(await worker.ready()).toBe(true);
    const delivered = await eventually(
      () => count(`SELECT COUNT(*) AS n ${BURST_NOTICES}`),
      (n) => n >= BURST,
      60_000,
    );
    // Until every job is done, those the kill left active included (they run again once their
    // lock has run out): any duplicate would show then.
    expect(await notificationsSettled(api.app, undefined, 60_000)).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n ${BURST_NOTICES}`)).toBe(BURST);
    expect(delivered).toBe(BURST);
    expect(await count(`SELECT COUNT(DISTINCT booking_id) AS n ${BURST_NOTICES}`)).toBe(BURST);
    // Besides the burst, the venue's review told the district and the manager, once each.
    const others: { kind: string; n: string }[] = await api.dataSource.query(
      `SELECT kind, COUNT(*) AS n FROM notifications WHERE kind <> 'SECURITY_APPROVED'
        GROUP BY kind ORDER BY kind`,
    );
    expect(others.map(({ kind, n }) => [kind, Number(n)])).toEqual([
      ['VENUE_REVIEWED', 1],
      ['VENUE_SUBMITTED', 1],
    ]);
    const all = await count('SELECT COUNT(*) AS n FROM notifications');
    expect(await count('SELECT COUNT(*) AS n FROM outbox_events WHERE relayed_at IS NULL')).toBe(0);
    // E-mail is at least once; each carries the notification's id, so the recipient sees it once.
    await eventually(
      async () => new Set(smtp.messages.map((m) => m.messageId)).size,
      (n) => n >= all,
      60_000,
    );
    const ids: { id: string }[] = await api.dataSource.query('SELECT id FROM notifications');
    expect(new Set(smtp.messages.map((m) => m.messageId))).toEqual(
      new Set(ids.map(({ id }) => `<notification-${id}@venues.dongcheng.local>`)),
    );
    expect(atKill).toBeLessThanOrEqual(BURST);
  }, 120_000);
});
