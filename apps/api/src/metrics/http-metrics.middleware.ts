import { IncomingMessage, ServerResponse } from 'node:http';
import { Histogram } from 'prom-client';

/** The first path segments the API serves; anything else is labelled "other". */
const ROUTES = new Set(['graphql', 'health', 'metrics', 'calendar', 'reports', 'queues', 'altair']);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A bounded route label: the first path segment when it is one the API serves. */
export function routeOf(url: string | undefined): string {
  const segment = (url ?? '').split(/[?#]/)[0].split('/')[1] ?? '';
  return ROUTES.has(segment) ? `/${segment}` : 'other';
}

/**
 * Times every HTTP request, on Node's own request and response (so it works under any HTTP
 * adapter), and records it when the response has been sent or the client went away.
 */
export function httpMetrics(histogram: Histogram<'method' | 'route' | 'status'>) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const stop = histogram.startTimer();
    // originalUrl: Express strips a mount path from url in mounted routers.
    const url = (req as { originalUrl?: string }).originalUrl ?? req.url;
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      stop({
        method: METHODS.has(req.method ?? '') ? req.method! : 'OTHER',
        route: routeOf(url),
        status: res.writableFinished ? String(res.statusCode) : 'aborted',
      });
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
