import { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import ical, { VEvent } from 'node-ical';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually } from '../../support/eventually';
import { GraphQLResponse, TestApi } from '../../support/test-api';

export interface Notice {
  id: string;
  kind: string;
  bookingId: string | null;
  subject: string;
  subjectZh: string;
  subjectEn: string;
  bodyZh: string;
  bodyEn: string;
  critical: boolean;
  needsAcknowledgement: boolean;
  readAt: string | null;
  acknowledgedAt: string | null;
  supersededAt: string | null;
}

export interface Refusal {
  code: string;
  message: string;
  field?: string;
}

const INBOX = `{ notifications(first: 100) { edges { node {
  id kind bookingId subject subjectZh subjectEn bodyZh bodyEn critical needsAcknowledgement readAt acknowledgedAt supersededAt
} } } }`;

/**
 * One role's day against the API over the demo data, with a worker running beside it, so every
 * notice a step causes is delivered as it would be.
 */
export class Story {
  private constructor(
    readonly api: TestApi,
    private readonly worker: INestApplicationContext,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<Story> {
    const api = await TestApi.start({ demo: true, env });
    try {
      return new Story(api, await createWorkerApp(api.env));
    } catch (error) {
      await api.close();
      throw error;
    }
  }

  /** Signs in a demo account (password demo1234). */
  async signIn(email: string): Promise<Person> {
    return new Person(this, email, await this.api.login(email));
  }

  /** The events a calendar feed serves now, read as a calendar app would. */
  async calendar(url: string): Promise<VEvent[]> {
    const response = await fetch(`${this.api.url}${new URL(url).pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    return Object.values(ical.sync.parseICS(await response.text())).filter(
      (c): c is VEvent => c?.type === 'VEVENT',
    );
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.api.close();
  }
}

/** A signed-in person: what they ask, what they are refused, and what reaches their inbox. */
export class Person {
  constructor(
    private readonly story: Story,
    readonly email: string,
    readonly token: string,
  ) {}

  /** A call that must succeed; its data. */
  async call<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.send<T>(query, variables);
    expect({ call: firstLine(query), errors: response.errors }).toEqual({
      call: firstLine(query),
      errors: undefined,
    });
    return response.data as T;
  }

  /** A call that must be refused, and nothing else; the refusal's code, message and field. */
  async refused(query: string, variables: Record<string, unknown> = {}): Promise<Refusal> {
    const response = await this.send(query, variables);
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    return { code: error.extensions.code, message: error.message, field: error.extensions.field };
  }

  send<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    return this.story.api.gql<T>(query, variables, this.token);
  }

  /** The inbox as it is now, newest first. */
  async inbox(): Promise<Notice[]> {
    return (await this.call(INBOX)).notifications.edges.map((e: any) => e.node);
  }

  /**
   * The notices of a kind (about a booking; saying some words, in its English subject or body)
   * that have reached the inbox.
   */
  async notices(kind: string, bookingId?: string, saying?: string): Promise<Notice[]> {
    return (await this.inbox()).filter(
      (n) =>
        n.kind === kind &&
        (bookingId === undefined || n.bookingId === bookingId) &&
        (saying === undefined || n.subjectEn.includes(saying) || n.bodyEn.includes(saying)),
    );
  }

  /** Waits for exactly one notice of the kind (about the booking; saying the words), and returns it. */
  async receives(kind: string, bookingId?: string, saying?: string): Promise<Notice> {
    const arrived = await eventually(
      () => this.notices(kind, bookingId, saying),
      (list) => list.length > 0,
    );
    expect({ email: this.email, kind, saying, arrived: arrived.length }).toEqual({
      email: this.email,
      kind,
      saying,
      arrived: 1,
    });
    return arrived[0];
  }

  /** A report table as CSV rows, keyed by the header row. */
  async csv(table: string, query: Record<string, string>): Promise<Record<string, string>[]> {
    const response = await fetch(
      `${this.story.api.url}/reports/service-capacity/${table}.csv?${new URLSearchParams(query).toString()}`,
      { headers: { authorization: `Bearer ${this.token}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    return parse(await response.text(), { columns: true, bom: true });
  }
}

function firstLine(query: string): string {
  return query.trim().split('\n')[0];
}
