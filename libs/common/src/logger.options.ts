import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import { HttpLogger, Options, pinoHttp } from 'pino-http';
import { AppConfig } from '@app/config';

/** Structured JSON logs; each HTTP request carries an id (taken from X-Request-Id or made). */
function pinoOptions(config: AppConfig, name: string): Options {
  return {
    name,
    level: config.logLevel,
    // A request is logged as its id, method, path and address: its headers (tokens, cookies)
    // stay out of the logs, and every request's logger is made faster without them.
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
    },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
  };
}

/**
 * The application logger (nestjs-pino). Its request middleware is left unmounted: it binds each
 * request's logger through AsyncLocalStorage, whose promise hooks cost the API about a fifth of
 * its throughput on Node 20. Requests are logged by requestLogger instead, and what the
 * application logs during a request names the request where it matters (errors carry its id).
 */
export function loggerOptions(config: AppConfig, name: string): Params {
  return { pinoHttp: pinoOptions(config, name), forRoutes: [] };
}

/** Logs each HTTP request when it completes, and gives it an id (the X-Request-Id header). */
export function requestLogger(config: AppConfig, name: string): HttpLogger {
  return pinoHttp(pinoOptions(config, name));
}
