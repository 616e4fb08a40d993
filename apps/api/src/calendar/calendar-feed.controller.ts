import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import { Response } from 'express';
import { Public } from '@app/auth';
import {
  BookingCalendarRenderer,
  CalendarFeedKind,
  CalendarFeedRenderer,
  CalendarFeedService,
  SecurityCalendarRenderer,
} from '@app/bookings';
import { StaffCalendarService } from '@app/staffing';
import { apiMessages } from '../common/api.messages';
import { RestExceptionFilter } from '../common/rest-exception.filter';
import { ApiError } from '../graphql/error-codes';

/** Calendar apps fetch feeds without our login: the unguessable token in the URL is the key. */
@Controller('calendar')
@UseFilters(RestExceptionFilter)
export class CalendarFeedController {
  /** A Record over every kind, so a new kind without a renderer fails the type check. */
  private readonly renderers: Record<CalendarFeedKind, CalendarFeedRenderer>;

  constructor(
    private readonly feeds: CalendarFeedService,
    bookingCalendars: BookingCalendarRenderer,
    staffCalendars: StaffCalendarService,
    securityCalendars: SecurityCalendarRenderer,
  ) {
    this.renderers = {
      [CalendarFeedKind.VENUE]: bookingCalendars,
      [CalendarFeedKind.ORGANIZER]: bookingCalendars,
      [CalendarFeedKind.STAFF]: staffCalendars,
      [CalendarFeedKind.SECURITY]: securityCalendars,
    };
  }

  @Public()
  @Get(':token.ics')
  async feed(
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const feed = await this.feeds.find(token);
    if (!feed) throw new ApiError('NOT_FOUND', apiMessages.noSuchCalendarFeed());
    const body = await this.renderers[feed.kind].render(feed, new Date());
    response.type('text/calendar; charset=utf-8').header('Cache-Control', 'private, max-age=300');
    return body;
  }
}
