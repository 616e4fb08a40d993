import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { Public } from '@app/auth';
import { CalendarFeedService } from '@app/bookings';
import { Response } from 'express';

/** Calendar apps fetch feeds without our login: the unguessable token in the URL is the key. */
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Public()
  @Get(':token.ics')
  async feed(
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const body = await this.feeds.render(token);
    if (body === null) throw new NotFoundException('No such calendar feed');
    response
      .type('text/calendar; charset=utf-8')
      .setHeader('Cache-Control', 'private, max-age=300');
    return body;
  }
}
