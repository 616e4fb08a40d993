import { randomUUID } from 'node:crypto';
import { HttpException, Logger } from '@nestjs/common';
import { DomainError, Locale, textIn } from '@app/common';
import { apiMessages } from './api.messages';
import { codeOfHttpStatus, graphQLCodeOf, GraphQLErrorCode } from '../graphql/error-codes';

/**
 * What a client is told about an error, whichever the transport: GraphQL puts all but the message
 * into `extensions`, a REST route answers it as its JSON body with the code's HTTP status.
 */
export interface ErrorResponse {
  code: GraphQLErrorCode;
  message: string;
  /** The lib's own code, where it is not the same as `code`. */
  reason?: string;
  /** The offending input field, for BAD_USER_INPUT. */
  field?: string;
  [detail: string]: unknown;
}

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
 * Domain errors keep their code, field and details, and say their message in `locale` (the
 * reader's: see readerLocale); Nest's HTTP errors take the code of their status; a database or
 * Redis outage is SERVICE_UNAVAILABLE (try again); anything unexpected is logged with an id and
 * answered without details. `requestId`: the id the request logger gave the HTTP request, named
 * in error logs.
 */
export function errorResponseOf(
  exception: unknown,
  logger: Logger,
  locale: Locale,
  requestId?: unknown,
): ErrorResponse {
  if (exception instanceof DomainError) {
    const domain = exception as DomainError<string>;
    const code = graphQLCodeOf(domain);
    if (code) {
      return {
        code,
        message: textIn(domain.text, locale),
        ...(code !== domain.code ? { reason: domain.code } : {}),
        ...(domain.field ? { field: domain.field } : {}),
        ...domain.details,
      };
    }
  }
  if (exception instanceof HttpException) {
    const code = codeOfHttpStatus(exception.getStatus());
    if (code) return { code, message: exception.message };
  }
  if (isOutage(exception)) {
    logger.warn({ requestId }, `a backing service is not answering: ${String(exception)}`);
    return {
      code: 'SERVICE_UNAVAILABLE',
      message: textIn(apiMessages.serviceUnavailable(), locale),
    };
  }
  const errorId = randomUUID();
  logger.error({ err: exception, errorId, requestId }, `unexpected error ${errorId}`);
  const message = textIn(apiMessages.internalError(errorId), locale);
  return { code: 'INTERNAL_SERVER_ERROR', message, errorId };
}
