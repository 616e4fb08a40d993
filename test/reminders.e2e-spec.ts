import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NOTIFICATIONS_QUEUE, RemindersService } from '@app/notifications';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { createWorkerApp } from '../apps/worker/src/bootstrap';
import { activeVenue, EVERY_DAY, nextKey, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { TestApi } from './support/test-api';

const INBOX = `{ notifications(first: 50) { edges { node { kind bookingId subjectEn bodyEn } } } }`;
/** Short offsets: a reminder 50 s before the start, and one a day before (already past). */
const PLAN = 'organizer@start-50s,organizer@start-24h';

describe('reminders as delayed jobs', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let organizer: string;
  let venues: string[];

  beforeAll(async () => {
    api = await TestApi.start({ demo: true, env: { REMINDER_PLAN: PLAN } });
    worker = await createWorkerApp(api.env);
    const [admin, qianmen] = await Promise.all(
      ['admin', 'qianmen'].map((n) => api.login(`${n}@demo.local`)),
    );
    organizer = await api.login('organizer@demo.local');
    venues = [];
    for (let i = 0; i < 3; i++) {
      venues.push(
        await activeVenue(api, { qianmen, admin }, { openingHours: EVERY_DAY('00:00', '24:00') }),
      );
    }
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  const reminders = async () =>
    (await api.gql(INBOX, {}, organizer)).data.notifications.edges
      .map((e: any) => e.node)
      .filter((n: any) => n.kind === 'REMINDER');

  async function book(
    venueId: string,
    title: string,
    startsIn: number,
  ): Promise<{ id: string; startsAt: Date }> {
    const startsAt = new Date(Math.ceil((Date.now() + startsIn) / 1000) * 1000);
    const result = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          title,
          attendees: 30,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        },
        key: nextKey(),
      },
      organizer,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return { id: result.data.requestBooking.id, startsAt };
  }

  it('fires on time in the recipient’s zone, never late, and never for a moved or cancelled booking', async () => {
    const kept = await book(venues[0], 'Kept meeting', 62_000);
    const moved = await book(venues[1], 'Moved meeting', 62_000);
    const cancelled = await book(venues[2], 'Cancelled meeting', 62_000);
    await api.gql(
      'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleBooking(id: $id, startsAt: $s, endsAt: $e) { version } }',
      {
        id: moved.id,
        s: new Date(moved.startsAt.getTime() + 7_200_000).toISOString(),
        e: new Date(moved.startsAt.getTime() + 10_800_000).toISOString(),
      },
      organizer,
    );
    await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Not needed") { status } }',
      { id: cancelled.id },
      organizer,
    );

    // The moved booking's first reminder job is removed once its change is relayed.
    const queue = worker.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
    const oldJob = `reminder-${moved.id}-v1-organizer-start-50s`;
    expect(
      await eventually(
        () => queue.getJob(oldJob),
        (job) => job === undefined,
      ),
    ).toBeUndefined();

    // Even if an old job ran, it would find a newer version (or a cancelled booking) and send nothing.
    const rule = worker.get<AppConfig>(APP_CONFIG).reminders[0];
    const service = worker.get(RemindersService);
    expect(await service.fire({ bookingId: moved.id, version: 1, rule })).toBe(0);
    expect(await service.fire({ bookingId: cancelled.id, version: 1, rule })).toBe(0);

    const fired = await eventually(reminders, (list) => list.length >= 1, 30_000);
    // Give any stale or late reminder the time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const all = await reminders();
    expect(all).toEqual(fired);
    expect(all).toHaveLength(1);
    expect(all[0].bookingId).toBe(kept.id);
    expect(Date.now()).toBeGreaterThanOrEqual(kept.startsAt.getTime() - 50_000);
    const local = DateTime.fromJSDate(kept.startsAt, { zone: 'Asia/Shanghai' }).toFormat(
      'yyyy-MM-dd HH:mm',
    );
    expect(all[0].subjectEn).toBe('Reminder: Kept meeting');
    expect(all[0].bodyEn).toContain(`Time: ${local}`);
    expect(all[0].bodyEn).toContain('(Asia/Shanghai)');
  });
});
