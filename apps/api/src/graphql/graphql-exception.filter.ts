import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost, GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError, withoutStack } from '@app/common';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { graphQLCodeOf, GraphQLErrorCode } from './error-codes';
import { GraphQLContext } from './graphql-context';

const HTTP_STATUS_CODES: Record<number, GraphQLErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

/** Errors of a connection to MariaDB or Redis that is down or was cut: worth trying again. */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
]);

function isOutage(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && OUTAGE_CODES.has(code);
}

/**
 * The one place where errors become what GraphQL clients see: domain errors keep their code,
 * message and field; a database or Redis outage is SERVICE_UNAVAILABLE (try again); anything
 * unexpected is logged with an id and answered without details.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    const { req } = GqlArgumentsHost.create(host).getContext<Partial<GraphQLContext>>();
    return this.toGraphQLError(exception, (req as { id?: unknown } | undefined)?.id);
  }

  /** `requestId`: the id the request logger gave the HTTP request, named in error logs. */
  toGraphQLError(exception: unknown, requestId?: unknown): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof DomainError) {
      const code = graphQLCodeOf(exception as Error);
      if (code) {
        return withoutStack(
          () =>
            new GraphQLError(exception.message, {
              extensions: {
                code,
                ...(code !== exception.code ? { reason: exception.code } : {}),
                ...(exception.field ? { field: exception.field } : {}),
                ...exception.details,
              },
            }),
        );
      }
    }
    if (exception instanceof HttpException) {
      const code = HTTP_STATUS_CODES[exception.getStatus()];
      if (code) return new GraphQLError(exception.message, { extensions: { code } });
    }
    if (isOutage(exception)) {
      this.logger.warn({ requestId }, `a backing service is not answering: ${String(exception)}`);
      return new GraphQLError('The service is briefly unavailable; try again shortly', {
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId, requestId }, `unexpected error ${errorId}`);
    return new GraphQLError(`Internal error (id ${errorId})`, {
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    });
  }
}
