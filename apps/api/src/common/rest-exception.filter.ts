import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { errorResponseOf } from './error-response';
import { Reader, readerLocale } from './reader-locale';
import { HTTP_STATUS_OF } from '../graphql/error-codes';

/**
 * Errors of the REST routes (report page and CSV, calendar feeds): the catalogue's HTTP status
 * for the code, and a JSON body with the same code, message and field GraphQL would give, the
 * message in the reader's language.
 * Headers a guard set before refusing (WWW-Authenticate, Retry-After) stay.
 */
@Catch()
export class RestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & Reader & { id?: unknown }>();
    const response = http.getResponse<Response>();
    const body = errorResponseOf(exception, this.logger, readerLocale(request), request.id);
    if (response.headersSent) {
      response.end();
      return;
    }
    response
      .status(HTTP_STATUS_OF[body.code])
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(body));
  }
}
