import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Request } from 'express';
import { Loaders } from './loaders';

export interface GraphQLContext {
  req: Request;
  loaders: Loaders;
}

/** The per-request GraphQL context (loaders and the request). */
export const Ctx = createParamDecorator(
  (_data: unknown, context: ExecutionContext): GraphQLContext =>
    GqlExecutionContext.create(context).getContext<GraphQLContext>(),
);
