import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Actor, AuthError, AuthErrorCode, AuthService, Role } from '@app/auth';
import { Request, Response } from 'express';
import { IncomingMessage, ServerResponse } from 'node:http';

/** The realm browsers show when they ask for the district admin's e-mail and password. */
export const DISTRICT_ADMIN_REALM = 'Dongcheng venues - district admin';

export type DistrictAdminCheck =
  | { ok: true; actor: Actor }
  | { ok: false; status: 401 | 403 | 429; message: string; retryAfterSeconds?: number };

/** What the check reads of a request: Express's, or a plain Node one (no `ip` there). */
export interface AdminHttpRequest {
  headers: { authorization?: string };
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * Who a plain HTTP request (a page, a download, a dashboard) comes from, for pages a browser
 * opens: `Authorization: Bearer <accessToken>` as on /graphql, or HTTP Basic with the account's
 * e-mail and password (checked by the same login as the `login` mutation, with its sign-in
 * limits). Only a DISTRICT_ADMIN passes; no or bad credentials are 401, another role 403, too
 * many failed sign-ins 429.
 */
export async function checkDistrictAdmin(
  auth: AuthService,
  request: AdminHttpRequest,
): Promise<DistrictAdminCheck> {
  const header = request.headers.authorization;
  let actor: Actor;
  try {
    const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const basic = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
    if (bearer) {
      actor = await auth.authenticate(bearer[1]);
    } else if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { ok: false, status: 401, message: 'Malformed Basic credentials' };
      const { user } = await auth.login(
        decoded.slice(0, colon),
        decoded.slice(colon + 1),
        request.ip ?? request.socket?.remoteAddress ?? 'unknown',
      );
      actor = { userId: user.id, role: user.role, subdistrictId: user.subdistrictId };
    } else {
      return { ok: false, status: 401, message: 'Sign in as the district admin' };
    }
  } catch (error) {
    if (error instanceof AuthError && error.code === AuthErrorCode.RATE_LIMITED) {
      const retryAfterSeconds = Number(error.details?.retryAfterSeconds ?? 60);
      return { ok: false, status: 429, message: error.message, retryAfterSeconds };
    }
    if (error instanceof AuthError) return { ok: false, status: 401, message: error.message };
    throw error;
  }
  if (actor.role !== Role.DISTRICT_ADMIN)
    return { ok: false, status: 403, message: 'Only the district admin may open this' };
  return { ok: true, actor };
}

const challenge = (response: ServerResponse) =>
  response.setHeader('WWW-Authenticate', `Basic realm="${DISTRICT_ADMIN_REALM}", charset="UTF-8"`);

/**
 * Guard for controllers whose routes a browser opens (mark them @Public() so the bearer-only
 * global guard lets the request through to this one). Sets request.actor like the global guard.
 */
@Injectable()
export class DistrictAdminHttpGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { actor?: Actor }>();
    const check = await checkDistrictAdmin(this.auth, request);
    if (check.ok) {
      request.actor = check.actor;
      return true;
    }
    if (check.status === 403) throw new ForbiddenException(check.message);
    if (check.status === 429) {
      http.getResponse<Response>().setHeader('Retry-After', String(check.retryAfterSeconds));
      throw new HttpException(check.message, HttpStatus.TOO_MANY_REQUESTS);
    }
    challenge(http.getResponse<Response>());
    throw new UnauthorizedException(check.message);
  }
}

/**
 * The same check as connect-style middleware (plain Node request and response, so it suits
 * Express and the routers dashboards bring), for what is mounted with app.use() outside Nest's
 * routing: `app.use('/queues', districtAdminMiddleware(app.get(AuthService)), router)`.
 */
export function districtAdminMiddleware(
  auth: AuthService,
): (
  request: IncomingMessage & { actor?: Actor },
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void {
  return (request, response, next) => {
    checkDistrictAdmin(auth, request).then((check) => {
      if (check.ok) {
        request.actor = check.actor;
        return next();
      }
      if (check.status === 401) challenge(response);
      if (check.status === 429) response.setHeader('Retry-After', String(check.retryAfterSeconds));
      response.statusCode = check.status;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify({ statusCode: check.status, message: check.message }));
    }, next);
  };
}
