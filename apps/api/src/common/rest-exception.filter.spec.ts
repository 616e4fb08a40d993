import { ArgumentsHost, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BookingError, BookingErrorCode, bookingMessages } from '@app/bookings';
import { ReportError, ReportErrorCode, reportMessages } from '@app/reports';
import { RestExceptionFilter } from './rest-exception.filter';

/** A stand-in for Express's response that records what the filter answers. */
function answered(
  exception: unknown,
  language = 'en',
): { status: number; type: string; body: unknown } {
  const sent = { status: 0, type: '', body: undefined as unknown };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    send(text: string) {
      sent.body = JSON.parse(text);
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ id: 7, headers: { 'accept-language': language } }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new RestExceptionFilter().catch(exception, host);
  return sent;
}

describe('RestExceptionFilter', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers a domain error with its catalogued status, code, lib code and field', () => {
    const rated = new ReportError(ReportErrorCode.ALREADY_RATED, reportMessages.alreadyRated('9'));
    expect(answered(rated)).toEqual({
      status: 409,
      type: 'application/json; charset=utf-8',
      body: {
        code: 'CONFLICT',
        reason: 'ALREADY_RATED',
        message: 'Booking 9 has been rated already',
      },
    });
    const text = bookingMessages.noBooking('9');
    const slot = new BookingError(BookingErrorCode.SLOT_TAKEN, text, 'startsAt', { conflicts: 1 });
    expect(answered(slot)).toMatchObject({
      status: 409,
      body: { code: 'SLOT_TAKEN', message: 'No booking 9', field: 'startsAt', conflicts: 1 },
    });
    expect(answered(slot, 'zh-CN;q=0.9, en;q=0.1')).toMatchObject({
      body: { message: '没有预订 9' },
    });
    const rule = new BookingError(BookingErrorCode.OVER_CAPACITY, text);
    expect(answered(rule)).toMatchObject({ status: 422, body: { code: 'OVER_CAPACITY' } });
  });

  it('gives Nest’s HTTP errors the generic code of their status', () => {
    expect(answered(new HttpException('Wait', HttpStatus.TOO_MANY_REQUESTS))).toMatchObject({
      status: 429,
      body: { code: 'RATE_LIMITED', message: 'Wait' },
    });
  });

  it('answers an outage with 503, and anything unexpected with 500 and a logged id only', () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(answered(outage)).toMatchObject({
      status: 503,
      body: { code: 'SERVICE_UNAVAILABLE' },
    });
    const unexpected = answered(new Error('secret detail'));
    expect(unexpected.status).toBe(500);
    const body = unexpected.body as { code: string; message: string; errorId: string };
    expect(body.code).toBe('INTERNAL_SERVER_ERROR');
    expect(body.message).toBe(`Internal error (id ${body.errorId})`);
    const inChinese = answered(new Error('secret detail'), 'zh-CN').body as typeof body;
    expect(inChinese.message).toBe(`内部错误（编号 ${inChinese.errorId}）`);
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.objectContaining({ errorId: body.errorId, requestId: 7 }),
      expect.any(String),
    );
    // A status the catalogue has no code for is not guessed at.
    expect(answered(new HttpException('I am a teapot', 418)).status).toBe(500);
  });
});
