import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { NotificationJob, NotificationsService } from '@app/notifications';
import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { notificationsSettled } from './support/queue-jobs';
import { SmtpSink } from './support/smtp-sink';
import { errorCode, TestApi } from './support/test-api';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

const INBOX = `query($unread: Boolean) { notifications(unreadOnly: $unread, first: 50) {
  totalCount edges { node { id kind bookingId subject body subjectEn bodyEn bodyZh critical needsAcknowledgement readAt acknowledgedAt } }
} }`;

describe('security notices through the outbox, the worker and the inbox', () => {
  let api: TestApi;
  let smtp: SmtpSink;
  let worker: INestApplicationContext;
  let admin: string;
  let qianmen: string;
  let organizer: string;
  let security: string;
  let venueId: string;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    api = await TestApi.start({
      demo: true,
      // Long enough for a test to acknowledge a notice in time, short enough not to wait long.
      env: { SECURITY_ESCALATION_SECONDS: '3', SMTP_URL: smtp.url },
    });
    worker = await createWorkerApp(api.env);
    [admin, qianmen, organizer, security] = await Promise.all(
      ['admin', 'qianmen', 'organizer', 'security'].map((n) => api.login(`${n}@demo.local`)),
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
    await smtp?.close();
  });

  const inbox = async (unread = false) =>
    (await api.gql(INBOX, { unread }, security)).data.notifications;

  async function book(input: Record<string, unknown>): Promise<string> {
    const result = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          title: 'Sino-French cultural exchange',
          attendees: 80,
          ...input,
        },
        key: nextKey(),
      },
      organizer,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    const { id, status } = result.data.requestBooking;
    if (status === 'PENDING_APPROVAL') {
      const APPROVE = 'mutation($id: ID!) { approveBooking(id: $id) { status } }';
      await api.gql(APPROVE, { id }, qianmen);
      expect((await api.gql(APPROVE, { id }, admin)).data.approveBooking.status).toBe('APPROVED');
    } else expect(status).toBe('APPROVED');
    return id;
  }

  it('tells the coordinators of an approved foreign-related event once, in their language and zone', async () => {
    await book({ startsAt: on(3, 2, '09:00'), endsAt: on(3, 2, '10:00') }); // no foreign guests
    const booking = await book({
      startsAt: on(3, 2, '14:00'),
      endsAt: on(3, 2, '16:30'),
      foreignGuests: 25,
      delegationCountries: ['FR'],
    });
    const received = await eventually(inbox, (n) => n.totalCount >= 1);
    expect(received.totalCount).toBe(1);
    const [notice] = received.edges.map((e: any) => e.node);
    expect(notice).toMatchObject({
      kind: 'SECURITY_APPROVED',
      bookingId: booking,
      critical: true,
      needsAcknowledgement: true,
      readAt: null,
    });
    // The demo coordinator reads Chinese; times are in their zone, Beijing.
    expect(notice.subject).toBe('涉外活动安保通知：Sino-French cultural exchange');
    expect(notice.body).toBe(notice.bodyZh);
    expect(notice.bodyZh).toMatch(/时间：\d{4}-\d\d-\d\d 14:00–16:30 \(Asia\/Shanghai\)/);
    expect(notice.bodyEn).toContain('Attendees: 80, of them foreign guests: 25');
    expect(notice.bodyEn).toContain('Delegation countries: FR');
    expect(notice.bodyEn).toMatch(/Security officers: 0 assigned of 2 needed/);

    // Relayed and processed again (a crash before marking it relayed): still one notice.
    await api.dataSource.query('UPDATE outbox_events SET relayed_at = NULL');
    await eventually(
      async () =>
        Number(
          (
            await api.dataSource.query(
              'SELECT COUNT(*) AS n FROM outbox_events WHERE relayed_at IS NULL',
            )
          )[0].n,
        ),
      (n) => n === 0,
    );
    const events: { id: string }[] = await api.dataSource.query(
      "SELECT id FROM outbox_events WHERE aggregate_type = 'booking' AND aggregate_id = ?",
      [booking],
    );
    for (const { id } of events) {
      expect(await worker.get(NotificationsService).handleOutboxEvent(String(id))).toBe(0);
    }
    expect((await inbox()).totalCount).toBe(1);
  });

  it('lets only the recipient read and acknowledge, and tells of a cancellation', async () => {
    const [notice] = (await inbox()).edges.map((e: any) => e.node);
    const ACK = 'mutation($id: ID!) { acknowledgeNotification(id: $id) { acknowledgedAt readAt } }';
    expect(errorCode(await api.gql(ACK, { id: notice.id }, organizer))).toBe('NOT_FOUND');
    const acked = (await api.gql(ACK, { id: notice.id }, security)).data.acknowledgeNotification;
    expect(acked.acknowledgedAt).not.toBeNull();
    expect(acked.readAt).not.toBeNull();
    expect((await inbox(true)).totalCount).toBe(0);

    await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Delegation postponed") { status } }',
      { id: notice.bookingId },
      organizer,
    );
    const after = await eventually(inbox, (n) => n.totalCount >= 2);
    expect(after.edges.map((e: any) => e.node.kind)).toEqual([
      'SECURITY_CANCELLED',
      'SECURITY_APPROVED',
    ]);
    const READ = 'mutation($id: ID!) { markNotificationRead(id: $id) { readAt } }';
    const cancelled = after.edges[0].node;
    expect(
      (await api.gql(READ, { id: cancelled.id }, security)).data.markNotificationRead.readAt,
    ).not.toBeNull();
    expect(errorCode(await api.gql(READ, { id: '999999' }, security))).toBe('NOT_FOUND');
  });

  it('escalates a HIGH event’s notice to the district when no coordinator acknowledges it in time', async () => {
    const ESCALATIONS = `{ notifications(first: 50) { edges { node { kind bookingId subjectEn bodyEn } } } }`;
    const escalations = async () =>
      (await api.gql(ESCALATIONS, {}, admin)).data.notifications.edges
        .map((e: any) => e.node)
        .filter((n: any) => n.kind === 'SECURITY_ESCALATION');
    const high = { foreignGuests: 10, protocolLevel: 'HIGH' };
    const ignored = await book({ ...high, startsAt: on(4, 3, '09:00'), endsAt: on(4, 3, '10:00') });
    const answered = await book({
      ...high,
      startsAt: on(4, 3, '11:00'),
      endsAt: on(4, 3, '12:00'),
    });
    const notices = await eventually(
      async () => (await inbox()).edges.map((e: any) => e.node),
      (list) => list.filter((n: any) => [ignored, answered].includes(n.bookingId)).length >= 2,
    );
    const toAnswer = notices.find((n: any) => n.bookingId === answered);
    const ACK = 'mutation($id: ID!) { acknowledgeNotification(id: $id) { acknowledgedAt } }';
    expect((await api.gql(ACK, { id: toAnswer.id }, security)).errors).toBeUndefined();

    const escalated = await eventually(escalations, (list) => list.length >= 1);
    // Both escalation jobs have run: the answered one stayed quiet.
    expect(await notificationsSettled(api.app)).toEqual([]);
    expect(await escalations()).toEqual(escalated);
    expect(escalated).toHaveLength(1);
    expect(escalated[0].bookingId).toBe(ignored);
    // The suite waits 3 seconds, said as such (not "within 0 minutes").
    expect(escalated[0].bodyEn).toMatch(
      /^No security coordinator acknowledged this notice within 3 seconds\./,
    );
  });

  it('tells interpreters of a proposed assignment and of its cancellation, in their zone', async () => {
    const booking = await book({
      startsAt: on(5, 2, '10:00'),
      endsAt: on(5, 2, '12:00'),
      interpretation: [{ from: 'zh', to: 'en', mode: 'CONSECUTIVE' }],
    });
    const requirements = (
      await api.gql(
        'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind } }',
        { id: booking },
        admin,
      )
    ).data.staffingRequirements;
    const interpreters = requirements.find((r: any) => r.kind === 'INTERPRETER');
    const staff = (
      await api.gql(
        '{ staff(filter: { kind: INTERPRETER, text: "Li Na" }) { edges { node { id } } } }',
        {},
        admin,
      )
    ).data.staff.edges[0].node.id;
    const assigned = await api.gql(
      'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }',
      { r: interpreters.id, s: staff },
      admin,
    );
    expect(assigned.errors).toBeUndefined();
    const interpreter = await api.login('interpreter@demo.local');
    const MINE =
      '{ notifications(first: 20) { edges { node { kind bookingId subjectEn bodyEn } } } }';
    const mine = async () =>
      (await api.gql(MINE, {}, interpreter)).data.notifications.edges.map((e: any) => e.node);
    const proposed = await eventually(mine, (list) => list.length >= 1);
    expect(proposed).toEqual([
      {
        kind: 'ASSIGNMENT_PROPOSED',
        bookingId: booking,
        subjectEn: 'New assignment, please confirm: Sino-French cultural exchange',
        bodyEn: expect.stringMatching(
          /^Role: Interpreter zh→en CONSECUTIVE\nTime: \d{4}-\d\d-\d\d 10:00–12:00 \(Asia\/Shanghai\)/,
        ),
      },
    ]);
    await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Visit called off") { status } }',
      { id: booking },
      organizer,
    );
    const after = await eventually(mine, (list) => list.length >= 2);
    expect(after[0]).toMatchObject({
      kind: 'ASSIGNMENT_CANCELLED',
      bodyEn: expect.stringContaining('Reason: The booking no longer needs this'),
    });
  });

  it('e-mails each notification once, in its recipient’s language', async () => {
    const mailTo = (address: string) =>
      smtp.messages.filter((m) => m.to && 'text' in m.to && m.to.text === address);
    await eventually(
      async () => mailTo('interpreter@demo.local').length,
      (n) => n >= 2,
    );
    // The coordinator reads Chinese, the interpreter English.
    const security = mailTo('security@demo.local').map((m) => m.subject);
    expect(security).toContain('涉外活动安保通知：Sino-French cultural exchange');
    const interpreter = mailTo('interpreter@demo.local');
    expect(interpreter.map((m) => m.subject).sort()).toEqual([
      'Assignment cancelled: Sino-French cultural exchange',
      'New assignment, please confirm: Sino-French cultural exchange',
    ]);
    expect(interpreter[0].text).toMatch(/Role: Interpreter zh→en CONSECUTIVE/);
    // Once nothing is left to send: one message per notification, none twice, none missing.
    expect(await notificationsSettled(api.app)).toEqual([]);
    const inboxCount = Number(
      (await api.dataSource.query('SELECT COUNT(*) AS n FROM notifications'))[0].n,
    );
    expect(smtp.messages).toHaveLength(inboxCount);
  });

  it('tells the organizer of the approvers’ decisions and of a cancellation by someone else, in their language and zone', async () => {
    // The demo organizer reads English; here they live in Paris.
    await api.dataSource.query(
      "UPDATE users SET time_zone = 'Europe/Paris' WHERE email = 'organizer@demo.local'",
    );
    const high = { foreignGuests: 4, protocolLevel: 'HIGH' };
    const slot = (hour: number) => ({
      startsAt: on(6, 4, `${hour}:00`),
      endsAt: on(6, 4, `${hour + 1}:00`),
    });
    const approved = await book({ ...high, ...slot(10) }); // Qianmen, then the district
    const cancelledByAdmin = await book({ ...high, ...slot(12) });
    const cancelledByOrganizer = await book({ ...high, ...slot(14) });
    const pending = await api.gql(
      REQUEST,
      {
        input: { venueId, title: 'Trade mission', attendees: 30, ...high, ...slot(16) },
        key: nextKey(),
      },
      organizer,
    );
    const rejected = pending.data.requestBooking.id;
    const REJECT =
      'mutation($id: ID!) { rejectBooking(id: $id, reason: "Hall under repair") { status } }';
    expect((await api.gql(REJECT, { id: rejected }, qianmen)).data.rejectBooking.status).toBe(
      'REJECTED',
    );
    const CANCEL =
      'mutation($id: ID!, $r: String!) { cancelBooking(id: $id, reason: $r) { status } }';
    await api.gql(CANCEL, { id: cancelledByAdmin, r: 'Needed for a state visit' }, admin);
    await api.gql(CANCEL, { id: cancelledByOrganizer, r: 'Plans changed' }, organizer);

    const NOTICES = `{ notifications(first: 50) { edges { node { kind bookingId critical subject subjectEn bodyEn } } } }`;
    const booked = [approved, cancelledByAdmin, cancelledByOrganizer, rejected];
    const notices = async () =>
      (await api.gql(NOTICES, {}, organizer)).data.notifications.edges
        .map((e: any) => e.node)
        .filter((n: any) => booked.includes(n.bookingId));
    const received = await eventually(notices, (list) => list.length >= 5);
    // Nothing more comes once every event is handled (the escalations go to the district).
    expect(await notificationsSettled(api.app, [NotificationJob.OUTBOX_EVENT])).toEqual([]);
    expect(await notices()).toEqual(received);
    const byBooking = (id: string) => received.filter((n: any) => n.bookingId === id);
    // Approved twice over (first stage, then final): one notice, for the final decision.
    expect(byBooking(approved).map((n: any) => [n.kind, n.critical])).toEqual([
      ['BOOKING_APPROVED', false],
    ]);
    // Both events of this booking may be relayed in one batch and handled side by side, so the
    // inbox does not promise their order (see the notifications docs): both, once each.
    expect(
      byBooking(cancelledByAdmin)
        .map((n: any) => [n.kind, n.critical])
        .sort(),
    ).toEqual([
      ['BOOKING_APPROVED', false],
      ['BOOKING_CANCELLED', true],
    ]);
    expect(byBooking(cancelledByOrganizer).map((n: any) => n.kind)).toEqual(['BOOKING_APPROVED']);
    const [rejection] = byBooking(rejected);
    expect(rejection).toMatchObject({
      kind: 'BOOKING_REJECTED',
      critical: true,
      subject: 'Booking request rejected: Trade mission',
      subjectEn: 'Booking request rejected: Trade mission',
    });
    const paris = DateTime.fromISO(slot(16).startsAt).setZone('Europe/Paris');
    expect(rejection.bodyEn).toContain(
      `Time: ${paris.toFormat('yyyy-MM-dd HH:mm')}–${paris.plus({ hours: 1 }).toFormat('HH:mm')} (Europe/Paris)`,
    );
    expect(rejection.bodyEn).toContain('Reason: Hall under repair');
    expect(byBooking(cancelledByAdmin)[0].bodyEn).toContain('Reason: Needed for a state visit');
  });
});
