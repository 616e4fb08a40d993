import { DataSource } from 'typeorm';
import { NotificationDeliveryService, NotificationKind } from '@app/notifications';
import { eventually } from './support/eventually';
import { SmtpSink } from './support/smtp-sink';
import { TestApi } from './support/test-api';
import { BookingsProcessor } from '../apps/worker/src/bookings/bookings.processor';
import { createWorkerApp } from '../apps/worker/src/bootstrap';
import { NotificationsProcessor } from '../apps/worker/src/notifications/notifications.processor';

describe('worker concurrency and shutdown', () => {
  let api: TestApi;
  let smtp: SmtpSink;

  beforeAll(async () => {
    // A slow mail server keeps an e-mail job in flight long enough to close the worker meanwhile.
    smtp = await SmtpSink.start({ acceptAfterMs: 1500 });
    api = await TestApi.start({
      demo: true,
      env: { SMTP_URL: smtp.url, WORKER_CONCURRENCY: '3' },
    });
  });

  afterAll(async () => {
    await api.close();
    await smtp.close();
  });

  it('runs WORKER_CONCURRENCY jobs of each queue at once', async () => {
    const worker = await createWorkerApp(api.env);
    try {
      expect(worker.get(NotificationsProcessor).worker.concurrency).toBe(3);
      expect(worker.get(BookingsProcessor).worker.concurrency).toBe(3);
    } finally {
      await worker.close();
    }
  });

  it('lets a job in flight finish, with the database still open, before it closes', async () => {
    const worker = await createWorkerApp(api.env);
    const dataSource = worker.get(DataSource);
    const finished: { id: string | undefined; databaseOpen: boolean }[] = [];
    worker.get(NotificationsProcessor).worker.on('completed', (job) => {
      if (job.name === 'email')
        finished.push({ id: job.id, databaseOpen: dataSource.isInitialized });
    });
    const [admin] = await api.dataSource.query(
      "SELECT id FROM users WHERE email = 'admin@demo.local'",
    );
    await worker.get(NotificationDeliveryService).deliver([
      {
        recipientId: String(admin.id),
        kind: NotificationKind.REMINDER,
        deliveryKey: 'shutdown-test',
        bookingId: null,
        critical: false,
        needsAcknowledgement: false,
        subjectZh: '关闭测试',
        subjectEn: 'Shutdown test',
        bodyZh: '关闭测试',
        bodyEn: 'Shutdown test',
      },
    ]);
    const [notification] = await api.dataSource.query(
      "SELECT id FROM notifications WHERE delivery_key = 'shutdown-test'",
    );
    await eventually(
      async () => smtp.receiving,
      (n) => n >= 1,
    );
    await worker.close();

    expect(finished).toEqual([{ id: `email-${notification.id}`, databaseOpen: true }]);
    expect(smtp.messages.map((m) => m.messageId)).toContain(
      `<notification-${notification.id}@venues.dongcheng.local>`,
    );
  });
});
