import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Request } from 'express';
import { Actor } from '@app/auth';
import { Loaders } from './loaders.factory';

export interface GraphQLContext {
  /** The HTTP request, or for a subscription one standing in for it; the guard sets actor. */
  req: Request & { actor?: Actor };
  loaders: Loaders;
}

/**
 * The per-request GraphQL context (loaders and the request). A field resolver that needs only its
 * parent and the loaders takes them as graphql-js passes them, `(parent, args, context)`, without
 * parameter decorators: @nestjs/graphql then calls it directly instead of through Nest's
 * per-call context (docs/graphql-stack.md).
 */
export const Ctx = createParamDecorator(
  (_data: unknown, context: ExecutionContext): GraphQLContext =>
    GqlExecutionContext.create(context).getContext<GraphQLContext>(),
);
