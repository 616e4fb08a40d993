import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { RateLimitsService } from './rate-limits.service';
import { clientAddressOf, requestOf } from './request-of';

/**
 * Installed globally after AuthGuard: each mutation field (aliases count one by one) uses up the
 * caller's and their address's allowance. Sign-in has limits of its own.
 */
@Injectable()
export class MutationRateLimitGuard implements CanActivate {
  constructor(private readonly limits: RateLimitsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    if (info.parentType.name !== 'Mutation' || info.fieldName === 'login') return true;
    const request = requestOf(context);
    await this.limits.mutation(request.actor?.userId ?? null, clientAddressOf(request));
    return true;
  }
}
