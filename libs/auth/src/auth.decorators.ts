import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor } from './actor';
import { requestOf } from './request-of';
import { Role } from './role';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES = 'auth:roles';

/** The operation needs no token (login, health). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the operation. Scope rules are checked further in. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The authenticated caller, set by the AuthGuard. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const actor = requestOf(context).actor;
    if (!actor) throw new Error('CurrentActor used on an operation without authentication');
    return actor;
  },
);
