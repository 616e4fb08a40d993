import { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor } from './actor';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  /** The client's address as Express sees it (behind trusted proxies: X-Forwarded-For). */
  ip?: string;
}

/** Who is calling, by network address (a WebSocket's stand-in request has its upgrade's). */
export function clientAddressOf(request: AuthenticatedRequest): string {
  return request.ip ?? 'unknown';
}

/** The token of an `Authorization: Bearer <token>` header (or WebSocket connection parameter). */
export function bearerToken(header: unknown): string | null {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
}

/** The HTTP request behind a GraphQL operation or a plain HTTP route. */
export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}
