import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { BookingHousekeepingService, BookingReader } from '@app/bookings';
import { HOLD_EXPIRING_RULE } from '@app/config';
import {
  NOTIFICATIONS_QUEUE,
  NotificationsService,
  ReminderDeliveryService,
  reminderJobId,
  ReminderPayload,
  ReminderSchedulingService,
} from '@app/notifications';
import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { TestApi } from './support/test-api';

const MINUTE = 60_000;
const INBOX = `{ notifications(first: 50) { edges { node { kind bookingId critical subjectEn bodyEn bodyZh } } } }`;

/**
 * An organizer's hold does not lapse silently: a warning at half its time (at least 10 minutes
 * before it ends), and a notice when it has run out. Checked against the jobs in Redis and by
 * handing the jobs and events to the services the worker runs, in the API's process.
 */
describe('holds', () => {
  let api: TestApi;
  let organizer: string;
  let venueId: string;
  let queue: Queue;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true, env: { BOOKING_HOLD_MINUTES: '30' } });
    const [qianmen, admin] = await Promise.all([
      api.login('qianmen@demo.local'),
      api.login('admin@demo.local'),
    ]);
    organizer = await api.login('organizer@demo.local');
    venueId = await activeVenue(
      api,
      { qianmen, admin },
      { openingHours: EVERY_DAY('07:00', '22:00') },
    );
    queue = api.app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
  });
  afterAll(() => api.close());

  async function hold(week: number) {
    const result = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          startsAt: on(week, 3, '10:00'),
          endsAt: on(week, 3, '11:00'),
          title: 'Held for the delegation',
          attendees: 20,
          hold: true,
        },
        key: nextKey(),
      },
      organizer,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return (await api.app.get(BookingReader).byId(result.data.requestBooking.id))!;
  }
  const inbox = async () =>
    (await api.gql(INBOX, {}, organizer)).data.notifications.edges.map((e: any) => e.node);

  it('warns the organizer at half the hold’s time, unless the hold has moved on', async () => {
    const booking = await hold(3);
    const made = booking.createdAt.getTime();
    expect(booking.holdExpiresAt!.getTime() - made).toBe(30 * MINUTE);
    await api.app.get(ReminderSchedulingService).schedule([booking], booking.createdAt);
    const job = await queue.getJob(reminderJobId(booking.id, 1, HOLD_EXPIRING_RULE));
    // Half of 30 minutes is 15 minutes before the end: more than the 10 minutes' lead.
    expect(job?.opts.delay).toBe(15 * MINUTE);

    expect(await api.app.get(ReminderDeliveryService).send(job!.data as ReminderPayload)).toBe(1);
    const warning = (await inbox()).find((n: any) => n.bookingId === booking.id);
    expect(warning).toMatchObject({
      kind: 'HOLD_EXPIRING',
      critical: false,
      subjectEn: 'Your hold runs out soon: Held for the delegation',
    });
    expect(warning.bodyEn).toContain('submit the booking before then');
    expect(warning.bodyZh).toContain('请在此之前提交预订');

    // Submitted in time: the warning of the old version sends nothing.
    await api.gql(
      'mutation($id: ID!) { submitBooking(id: $id) { status } }',
      { id: booking.id },
      organizer,
    );
    const other = await hold(4);
    await api.gql(
      'mutation($id: ID!) { submitBooking(id: $id) { status } }',
      { id: other.id },
      organizer,
    );
    expect(
      await api.app
        .get(ReminderDeliveryService)
        .send({ bookingId: other.id, version: 1, rule: HOLD_EXPIRING_RULE }),
    ).toBe(0);
  });

  it('comes at least 10 minutes before the end of a short hold', async () => {
    const booking = await hold(5);
    // As if the hold were 16 minutes: half would be 8 minutes before the end, so 10 it is.
    const shortened = {
      ...booking,
      holdExpiresAt: new Date(booking.createdAt.getTime() + 16 * MINUTE),
    };
    await api.app.get(ReminderSchedulingService).schedule([shortened], booking.createdAt);
    const job = await queue.getJob(reminderJobId(booking.id, 1, HOLD_EXPIRING_RULE));
    expect(job?.opts.delay).toBe(6 * MINUTE);
  });

  it('tells the organizer when a hold has run out and the slot is free again', async () => {
    const booking = await hold(6);
    const expired = await api.app
      .get(BookingHousekeepingService)
      .expireHold(booking.id, new Date(booking.holdExpiresAt!.getTime() + 1000));
    expect(expired).toBe(true);
    const [event] = await api.dataSource.query(
      `SELECT id FROM outbox_events WHERE aggregate_id = ? AND event_type = 'booking.expired'`,
      [booking.id],
    );
    expect(await api.app.get(NotificationsService).handleOutboxEvent(String(event.id))).toBe(1);
    expect((await inbox()).find((n: any) => n.bookingId === booking.id)).toMatchObject({
      kind: 'HOLD_EXPIRED',
      critical: false,
      subjectEn: 'Hold expired, the slot is released: Held for the delegation',
    });
  });
});
