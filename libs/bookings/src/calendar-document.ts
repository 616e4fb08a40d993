import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendar } from 'ical-generator';
import { CalendarFeedEntity } from './calendar-feed.entity';

const DAY = 86_400_000;
const FEED_WINDOW_DAYS = { past: 90, future: 400 };

/** What a feed lists: the recent past and the coming year, so calendars stay small. */
export function feedWindow(now: Date): { from: Date; to: Date } {
  return {
    from: new Date(now.getTime() - FEED_WINDOW_DAYS.past * DAY),
    to: new Date(now.getTime() + FEED_WINDOW_DAYS.future * DAY),
  };
}

/**
 * An empty calendar as every feed starts: our product id, the feed's zone for apps that show
 * one, VTIMEZONE blocks for every zone its events use, and a refresh hint for subscribing apps.
 * Events name their own zone: a calendar-wide one would make ical-generator write DTSTAMP and
 * LAST-MODIFIED as floating local times, where RFC 5545 requires UTC.
 */
export function feedCalendar(name: string, zone: string): ICalCalendar {
  return ical({
    name,
    prodId: { company: 'Dongcheng District', product: 'venue-bookings', language: 'EN' },
    timezone: { name: null, generator: getVtimezoneComponent },
    x: [{ key: 'X-WR-TIMEZONE', value: zone }],
    ttl: 15 * 60,
  });
}

/** Turns one kind of feed into iCalendar text; the API picks the renderer by the feed's kind. */
export interface CalendarFeedRenderer {
  render(feed: CalendarFeedEntity, now: Date): Promise<string>;
}
