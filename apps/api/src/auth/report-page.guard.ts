import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, Role } from '@app/auth';
import { answerRefusal, BrowserAuthService } from './browser-auth.service';
import { ApiError } from '../graphql/error-codes';

const CODE_OF_REFUSAL = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 429: 'RATE_LIMITED' } as const;

/**
 * For controllers whose routes a browser opens (mark them @Public() so the bearer-only global
 * guard lets the request through to this one): the district admin, and subdistrict managers for
 * their own subdistrict (the report service holds them to it), signed in as BrowserAuthService has
 * it.
 */
@Injectable()
export class ReportPageGuard implements CanActivate {
  constructor(private readonly browser: BrowserAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { actor?: Actor }>();
    const access = await this.browser.access(request, [
      Role.DISTRICT_ADMIN,
      Role.SUBDISTRICT_MANAGER,
    ]);
    if (access.ok) {
      request.actor = access.actor;
      return true;
    }
    answerRefusal(http.getResponse<Response>(), access);
    // Who was refused, so the refusal is said in their language.
    request.actor = access.actor;
    throw new ApiError(CODE_OF_REFUSAL[access.status], access.message);
  }
}
