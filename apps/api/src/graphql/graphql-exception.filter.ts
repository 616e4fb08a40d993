import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost, GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { Locale, withoutStack } from '@app/common';
import { GraphQLContext } from './graphql-context';
import { errorResponseOf } from '../common/error-response';
import { readerLocale } from '../common/reader-locale';

/**
 * The one place where errors become what GraphQL clients see, as `extensions` of the catalogue's
 * code (see errorResponseOf). Other transports' errors go on to Nest's default handling, or to
 * the filter their controller names.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    const { req } = GqlArgumentsHost.create(host).getContext<Partial<GraphQLContext>>();
    return this.toGraphQLError(
      exception,
      readerLocale(req),
      (req as { id?: unknown } | undefined)?.id,
    );
  }

  /**
   * `locale`: the reader's (see readerLocale); `requestId`: the id the request logger gave the
   * HTTP request, named in error logs.
   */
  toGraphQLError(exception: unknown, locale: Locale, requestId?: unknown): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    const { message, ...extensions } = errorResponseOf(exception, this.logger, locale, requestId);
    return withoutStack(() => new GraphQLError(message, { extensions }));
  }
}
