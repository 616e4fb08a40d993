import type { ErrorRequestHandler } from 'express';
import { ErrorResponse } from './error-response';
import { GraphQLErrorCode, HTTP_STATUS_OF } from '../graphql/error-codes';
import { GRAPHQL_PATH } from '../graphql/graphql-options.factory';
import { MAX_REQUEST_BYTES } from '../graphql/operation-rules';

/** What body-parser throws for a body it refuses: an http-errors error with a `type`. */
interface BodyParserError {
  status: number;
  type: string;
  message: string;
  expose: boolean;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return (
    typeof candidate?.type === 'string' &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  );
}

function refusalOf(error: BodyParserError): { code: GraphQLErrorCode; message: string } {
  if (error.status === 413)
    return {
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request body is larger than the limit of ${MAX_REQUEST_BYTES / 1024} kB`,
    };
  if (error.type === 'entity.parse.failed')
    return { code: 'BAD_REQUEST', message: `The request body is not valid JSON: ${error.message}` };
  // An unsupported charset or encoding, or a body shorter than its Content-Length.
  return { code: 'BAD_REQUEST', message: error.message };
}

/**
 * Answers a body the parser refused before any route sees it: in GraphQL's shape on /graphql,
 * in the REST routes' shape elsewhere, with the code's status.
 */
export const requestBodyErrors: ErrorRequestHandler = (error, request, response, next) => {
  if (!isBodyParserError(error)) return next(error);
  const { code, message } = refusalOf(error);
  const onGraphQL = request.path === GRAPHQL_PATH || request.path.startsWith(`${GRAPHQL_PATH}/`);
  const rest: ErrorResponse = { code, message };
  response
    .status(HTTP_STATUS_OF[code])
    .json(onGraphQL ? { errors: [{ message, extensions: { code } }] } : rest);
};
