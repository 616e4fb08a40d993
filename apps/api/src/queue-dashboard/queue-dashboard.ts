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

/** The board's page links its fonts from Google Fonts; its CSS falls back to system fonts. */
const FONT_LINK = /<link[^>]+href="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>\s*/g;

type RenderCallback = (error: Error | null, html: string) => void;

/**
 * The board's Express app, its page rendered as before less the font link: Google Fonts cannot be
 * reached offline nor from mainland China, and the page's policy would refuse it anyway.
 */
function boardApp(serverAdapter: ExpressAdapter): Application {
  const board = serverAdapter.getRouter() as Application;
  const render = board.render.bind(board) as (
    name: string,
    options: object,
    done: RenderCallback,
  ) => void;
  board.render = ((name: string, options: object, done: RenderCallback) =>
    render(name, options, (error, html) =>
      done(error, error ? html : html.replace(FONT_LINK, '')),
    )) as Application['render'];
  board.disable('x-powered-by');
  return board;
}

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
  app.use(
    QUEUE_DASHBOARD_PATH,
    // The board's page and its React components set inline styles.
    ...pagePolicy({ styleSrc: ["'self'", "'unsafe-inline'"] }),
    app.get(BrowserAuthService).requireRoles([Role.DISTRICT_ADMIN]),
    boardApp(serverAdapter),
  );
}
