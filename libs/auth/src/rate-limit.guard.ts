import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { RateLimitsService } from './rate-limits.service';
import { clientAddressOf, requestOf } from './request-of';

/**
 * Installed globally after AuthGuard: each mutation field (aliases count one by one) and each
 * subscription started uses up the caller's and their address's allowance, on every transport.
 * Sign-in has limits of its own.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limits: RateLimitsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    const kind = info.parentType.name;
    if (kind !== 'Mutation' && kind !== 'Subscription') return true;
    if (info.fieldName === 'login') return true;
    const request = requestOf(context);
    const caller = request.actor?.userId ?? null;
    const address = clientAddressOf(request);
    if (kind === 'Mutation') await this.limits.mutation(caller, address);
    else await this.limits.subscription(caller, address);
    return true;
  }
}
