import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { Public } from '@app/auth';
import { CalendarFeedService } from '@app/bookings';

/** Calendar apps fetch feeds without our login: the unguessable token in the URL is the key. */
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Public()
  @Get(':token.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  async feed(@Param('token') token: string): Promise<string> {
    const body = await this.feeds.render(token);
    if (body === null) throw new NotFoundException('No such calendar feed');
    return body;
  }
}
