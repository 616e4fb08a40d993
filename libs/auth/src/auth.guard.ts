import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, ROLES } from './auth.decorators';
import { AuthError, AuthErrorCode } from './auth.errors';
import { authMessages } from './auth.messages';
import { AuthService } from './auth.service';
import { bearerToken, requestOf } from './request-of';
import { Role } from './role';

/** Installed globally: every operation needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = requestOf(context);
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, authMessages.tokenRequired());
    request.actor ??= await this.auth.authenticate(token);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw new AuthError(AuthErrorCode.FORBIDDEN, authMessages.notOpenTo(request.actor.role));
    }
    return true;
  }
}
