import { Injectable } from '@nestjs/common';
import { Actor, AuthError, AuthErrorCode, AuthService, clientAddressOf, Role } from '@app/auth';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createHash } from 'node:crypto';

export const BROWSER_AUTH_REALM = 'Dongcheng venues';

/** How long a verified Basic header is trusted without asking bcrypt again. */
export const BASIC_CACHE_MS = 60_000;
const BASIC_CACHE_MAX_ENTRIES = 1000;

/**
 * Sign-in for pages a browser opens itself (the queue dashboard, report pages), where no client
 * code attaches a token: `Authorization: Bearer <JWT>` works as everywhere, and otherwise HTTP
 * Basic with the account's e-mail and password, which the browser asks for after a 401 carrying
 * `WWW-Authenticate`. Dashboards poll every few seconds and bcrypt is slow on purpose, so a
 * verified Basic header is remembered briefly, by its hash (the password is never kept).
 * Failures are not remembered: each wrong guess costs a bcrypt.
 */
@Injectable()
export class BrowserAuth {
  private readonly verifiedBasic = new Map<string, { actor: Actor; until: number }>();

  constructor(private readonly auth: AuthService) {}

  /** Express middleware that lets through signed-in callers holding one of the roles. */
  requireRoles(roles: readonly Role[]): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      this.callerOf(request.headers.authorization, clientAddressOf(request)).then((actor) => {
        if (actor === 'rate-limited') {
          response.status(429).type('text/plain').send('Too many failed sign-ins; wait a little.');
        } else if (!actor) {
          response
            .status(401)
            .set('WWW-Authenticate', `Basic realm="${BROWSER_AUTH_REALM}", charset="UTF-8"`)
            .type('text/plain')
            .send('Sign in with your e-mail and password.');
        } else if (!roles.includes(actor.role)) {
          response.status(403).type('text/plain').send(`This page is not open to ${actor.role}.`);
        } else {
          next();
        }
      }, next);
    };
  }

  /**
   * The caller an Authorization header proves, null when it proves nobody, or 'rate-limited'
   * when the address has failed too often (Basic is a sign-in like any other).
   */
  async callerOf(header: string | undefined, ip: string): Promise<Actor | null | 'rate-limited'> {
    const [scheme, credentials] = header?.trim().split(/\s+/, 2) ?? [];
    if (!credentials) return null;
    try {
      if (/^bearer$/i.test(scheme)) return await this.auth.authenticate(credentials);
      if (/^basic$/i.test(scheme)) return await this.basic(credentials, ip);
    } catch (error) {
      if (error instanceof AuthError)
        return error.code === AuthErrorCode.RATE_LIMITED ? 'rate-limited' : null;
      throw error;
    }
    return null;
  }

  private async basic(credentials: string, ip: string): Promise<Actor | null> {
    const key = createHash('sha256').update(credentials).digest('hex');
    const now = Date.now();
    const cached = this.verifiedBasic.get(key);
    if (cached && cached.until > now) return cached.actor;
    this.verifiedBasic.delete(key);

    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return null;
    const actor = await this.auth.verifyPassword(
      decoded.slice(0, colon),
      decoded.slice(colon + 1),
      ip,
    );
    if (this.verifiedBasic.size >= BASIC_CACHE_MAX_ENTRIES) {
      // The oldest entry goes first (a Map keeps insertion order).
      this.verifiedBasic.delete(this.verifiedBasic.keys().next().value!);
    }
    this.verifiedBasic.set(key, { actor, until: now + BASIC_CACHE_MS });
    return actor;
  }
}
