import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import type { Application } from 'express';
import { Role } from '@app/auth';
import { BOOKINGS_QUEUE } from '@app/bookings';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NOTIFICATIONS_QUEUE } from '@app/notifications';
import { BrowserAuthService } from '../auth/browser-auth.service';
import { pagePolicy } from '../common/security-headers';

export const QUEUE_DASHBOARD_PATH = '/queues';

/**
 * Bull Board at /queues, for district admins only. It reads the API's own producer queues (the
 * configured prefix, commands failing fast while Redis is away) and is read-only: no retry,
 * clean, pause or remove, which the board refuses on its API too. No worker runs in the API.
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [BOOKINGS_QUEUE, NOTIFICATIONS_QUEUE].map(
      (name) =>
        new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }), {
          readOnlyMode: true,
          allowRetries: false,
          description: `Redis keys ${config.redis.queuePrefix}:${name}:*`,
        }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Dongcheng venues' } },
  });
  (serverAdapter.getRouter() as Application).disable('x-powered-by');
  app.use(
    QUEUE_DASHBOARD_PATH,
    // The board's page and its React components set inline styles.
    ...pagePolicy({ styleSrc: ["'self'", "'unsafe-inline'"] }),
    app.get(BrowserAuthService).requireRoles([Role.DISTRICT_ADMIN]),
    serverAdapter.getRouter(),
  );
}
