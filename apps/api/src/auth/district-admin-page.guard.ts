import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, Role } from '@app/auth';
import { answerRefusal, BrowserAuthService } from './browser-auth.service';

/**
 * For controllers whose routes a browser opens (mark them @Public() so the bearer-only global
 * guard lets the request through to this one): only the district admin, signed in as
 * BrowserAuthService has it.
 */
@Injectable()
export class DistrictAdminPageGuard implements CanActivate {
  constructor(private readonly browser: BrowserAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { actor?: Actor }>();
    const access = await this.browser.access(request, [Role.DISTRICT_ADMIN]);
    if (access.ok) {
      request.actor = access.actor;
      return true;
    }
    answerRefusal(http.getResponse<Response>(), access);
    if (access.status === 403) throw new ForbiddenException(access.message);
    if (access.status === 429)
      throw new HttpException(access.message, HttpStatus.TOO_MANY_REQUESTS);
    throw new UnauthorizedException(access.message);
  }
}
