import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Actor, AuthError, AuthErrorCode, AuthService, clientAddressOf, Role } from '@app/auth';
import { Message, textIn } from '@app/common';
import { apiMessages } from '../common/api.messages';
import { readerLocale } from '../common/reader-locale';

export const BROWSER_AUTH_REALM = 'Dongcheng venues';

/** How long a verified Basic header is trusted without asking bcrypt again. */
export const BASIC_CACHE_MS = 60_000;
const BASIC_CACHE_MAX_ENTRIES = 1000;

/**
 * Who may open a page, or why not: 401 (sign in), 403 (not your role: `actor` says who), 429
 * (wait).
 */
export type BrowserAccess =
  | { ok: true; actor: Actor }
  | {
      ok: false;
      status: 401 | 403 | 429;
      message: Message;
      retryAfterSeconds?: number;
      actor?: Actor;
    };

/**
 * Sign-in for pages a browser opens itself (the queue dashboard, the report page and its CSV
 * downloads), where no client code attaches a token: `Authorization: Bearer <JWT>` works as
 * everywhere, and otherwise HTTP Basic with the account's e-mail and password, which the browser
 * asks for after a 401 carrying `WWW-Authenticate`; Basic goes through the sign-in limits like
 * the `login` mutation. Dashboards poll every few seconds and bcrypt is slow on purpose, so a
 * verified Basic header is remembered briefly, by its hash (the password is never kept).
 * Failures are not remembered: each wrong guess costs a bcrypt.
 */
@Injectable()
export class BrowserAuthService {
  private readonly verifiedBasic = new Map<string, { actor: Actor; until: number }>();

  constructor(private readonly auth: AuthService) {}

  /** Whether the request's caller holds one of the roles. */
  async access(request: Request, roles: readonly Role[]): Promise<BrowserAccess> {
    let actor: Actor | null;
    try {
      actor = await this.callerOf(request.headers.authorization, clientAddressOf(request));
    } catch (error) {
      if (error instanceof AuthError && error.code === AuthErrorCode.RATE_LIMITED) {
        const retryAfterSeconds = Number(error.details?.retryAfterSeconds ?? 60);
        return { ok: false, status: 429, message: error.text, retryAfterSeconds };
      }
      throw error;
    }
    if (!actor) return { ok: false, status: 401, message: apiMessages.signInWithPassword() };
    if (!roles.includes(actor.role))
      return { ok: false, status: 403, message: apiMessages.pageNotOpenTo(actor.role), actor };
    return { ok: true, actor };
  }

  /** Express middleware that lets through signed-in callers holding one of the roles. */
  requireRoles(roles: readonly Role[]): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      this.access(request, roles).then((access) => {
        if (access.ok) return next();
        answerRefusal(response, access);
        const locale = readerLocale({ actor: access.actor, headers: request.headers });
        response.status(access.status).type('text/plain').send(textIn(access.message, locale));
      }, next);
    };
  }

  /** The caller an Authorization header proves, or null when it proves nobody. */
  async callerOf(header: string | undefined, ip: string): Promise<Actor | null> {
    const [scheme, credentials] = header?.trim().split(/\s+/, 2) ?? [];
    if (!credentials) return null;
    try {
      if (/^bearer$/i.test(scheme)) return await this.auth.authenticate(credentials);
      if (/^basic$/i.test(scheme)) return await this.basic(credentials, ip);
    } catch (error) {
      if (error instanceof AuthError && error.code !== AuthErrorCode.RATE_LIMITED) return null;
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

/** What answerRefusal needs of a response: Express's and Fastify's both have it. */
export interface HeaderSink {
  header(name: string, value: string): unknown;
}

/** The headers a refusal carries: the Basic challenge on 401, the wait on 429. */
export function answerRefusal(
  response: HeaderSink,
  access: Exclude<BrowserAccess, { ok: true }>,
): void {
  if (access.status === 401)
    response.header('WWW-Authenticate', `Basic realm="${BROWSER_AUTH_REALM}", charset="UTF-8"`);
  if (access.status === 429) response.header('Retry-After', String(access.retryAfterSeconds));
}
