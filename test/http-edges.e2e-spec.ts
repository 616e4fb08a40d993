import { createHash } from 'node:crypto';
import { TestApi } from './support/test-api';

/** What /graphql answers at the edges of HTTP. */
describe('GraphQL over HTTP at its edges', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });

  afterAll(() => api.close());

  // Signed out, in English (without Accept-Language errors are said in Chinese).
  const post = (body: string) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body,
    });

  interface Answer {
    status: number;
    body: { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };
  }
  const answer = async (response: Response): Promise<Answer> => ({
    status: response.status,
    body: (await response.json()) as Answer['body'],
  });

  const subscription = 'subscription { notificationReceived { id } }';

  it('refuses a subscription POSTed over HTTP, pointing to graphql-ws, before any resolver runs', async () => {
    const { status, body } = await answer(await post(JSON.stringify({ query: subscription })));
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions?.code).toBe('SUBSCRIPTION_OVER_HTTP');
    expect(body.errors![0].message).toContain('WebSocket to /graphql with the graphql-ws protocol');
    expect(JSON.stringify(body)).not.toMatch(/Cannot read|undefined/);
    expect(body.data).toBeUndefined();
  });

  it('gives a subscription sent with GET the same answer', async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent(subscription)}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    const { status, body } = await answer(response);
    expect(status).toBe(400);
    expect(body.errors!.map((error) => error.extensions?.code)).toEqual(['SUBSCRIPTION_OVER_HTTP']);
  });

  it('does not support persisted queries, whatever the extension holds', async () => {
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const requests = [
      { extensions: { persistedQuery: { version: 1, sha256Hash } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash } } },
      { query, extensions: { persistedQuery: { version: 2, sha256Hash } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: 5 } } },
      { query, extensions: { persistedQuery: 'yes' } },
    ];
    for (const request of requests) {
      const { body } = await answer(await post(JSON.stringify(request)));
      expect(body.errors!.map((error) => error.extensions?.code)).toEqual([
        'PERSISTED_QUERY_NOT_SUPPORTED',
      ]);
    }
    // A client that falls back to sending the query is answered.
    expect((await answer(await post(JSON.stringify({ query })))).body).toEqual({
      data: { __typename: 'Query' },
    });
  });

  it('answers a body over the size limit with 413 PAYLOAD_TOO_LARGE, shaped as GraphQL', async () => {
    const response = await post(
      JSON.stringify({ query: `{ __typename } #${'x'.repeat(300_000)}` }),
    );
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { status, body } = await answer(response);
    expect(status).toBe(413);
    expect(body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/larger than .*256 kB/),
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });

  it('answers malformed JSON with 400 BAD_REQUEST, shaped as GraphQL', async () => {
    for (const malformed of ['{"query": "{ __typename } "', '"just a string"']) {
      const { status, body } = await answer(await post(malformed));
      expect(status).toBe(400);
      expect(body).toEqual({
        errors: [
          {
            message: expect.stringMatching(/^The request body is not valid JSON/),
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
    }
  });
});

describe('security headers', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });

  afterAll(() => api.close());

  it('marks every kind of answer nosniff, and names no server software', async () => {
    const answers = [
      await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      }),
      await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      }),
      await fetch(`${api.url}/health`),
      await fetch(`${api.url}/reports/service-capacity/venues.csv`),
      await fetch(`${api.url}/no-such-route`),
      await fetch(`${api.url}/queues`),
      await fetch(`${api.url}/queues/api/queues`),
      await fetch(`${api.url}/altair/`),
      await fetch(`${api.url}/reports/assets/chart.umd.min.js`),
    ];
    for (const response of answers) {
      expect([response.url, response.headers.get('x-content-type-options')]).toEqual([
        response.url,
        'nosniff',
      ]);
      expect([response.url, response.headers.get('x-powered-by')]).toEqual([response.url, null]);
    }
  });

  it('lets no other site frame a page, except the IDE its own sandbox frame', async () => {
    for (const path of ['/reports/service-capacity', '/queues', '/graphql', '/health']) {
      const response = await fetch(`${api.url}${path}`);
      expect([path, response.headers.get('x-frame-options')]).toEqual([path, 'DENY']);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    const ide = await fetch(`${api.url}/altair/`);
    expect(ide.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(ide.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });
});
