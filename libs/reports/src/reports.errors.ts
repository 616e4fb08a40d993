import { DomainError, Message } from '@app/common';

export enum ReportErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** Only a COMPLETED booking can be rated. */
  NOT_COMPLETED = 'NOT_COMPLETED',
  /** The booking has its rating already. */
  ALREADY_RATED = 'ALREADY_RATED',
}

export class ReportError extends DomainError<ReportErrorCode> {}

export const badReportInput = (field: string, message: Message) =>
  new ReportError(ReportErrorCode.BAD_USER_INPUT, message, field);
