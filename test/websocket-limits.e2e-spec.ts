import { RECEIVED, SocketClient, socketCode, subscriptionOutcome } from './support/socket-client';
import { snapshot, TestApi } from './support/test-api';

const SET_PREFERENCES = `mutation($input: [ChannelPreferenceInput!]!) {
  setNotificationPreferences(input: $input) { channel enabled } }`;

describe('GraphQL over WebSocket: subscriptions only, under the limits of HTTP', () => {
  let api: TestApi;
  let token: string;
  let organizerId: string;
  const clients: SocketClient[] = [];
  let addresses = 0;

  /** A client behind the trusted proxy, from an address of its own unless given one. */
  function connect(bearer: string | null = token, address = `198.51.100.${++addresses}`) {
    const client = new SocketClient(api.url, bearer ?? undefined, address);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    api = await TestApi.start({
      demo: true,
      env: {
        GRAPHQL_MAX_DEPTH: '4',
        GRAPHQL_MAX_COST: '10',
        GRAPHQL_INTROSPECTION: 'false',
        TRUST_PROXY_HOPS: '1',
        RATE_LIMIT_IP_MUTATIONS_PER_MINUTE: '3',
      },
    });
    token = await api.login('organizer@demo.local');
    organizerId = (await api.gql('query { me { id } }', {}, token)).data.me.id;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await api.close();
  });

  it('refuses the connection without a token (4401) or with a bad one (4403)', async () => {
    const introspection = '{ __schema { types { name } } }';
    expect(await connect(null).first(introspection)).toEqual({
      closed: { code: 4401, reason: 'Sign in: send connectionParams.authorization' },
    });
    expect(await connect('not-a-token').first(RECEIVED)).toEqual({
      closed: { code: 4403, reason: 'Access token is invalid' },
    });
  });

  it('refuses queries and mutations with WRONG_TRANSPORT, and a refused mutation writes nothing', async () => {
    const client = connect();
    for (const query of ['query { me { id } }', '{ __schema { types { name } } }']) {
      const answer = await client.first(query);
      expect(socketCode(answer)).toBe('WRONG_TRANSPORT');
      expect(answer.errors![0].message).toMatch(/^Send queries over HTTP \(POST \/graphql\)/);
      expect(answer.data).toBeUndefined();
    }
    const before = await snapshot(api.dataSource, ['notification_preferences']);
    const mutation = await client.first(SET_PREFERENCES, {
      input: [{ channel: 'EMAIL', enabled: false }],
    });
    expect(socketCode(mutation)).toBe('WRONG_TRANSPORT');
    expect(await snapshot(api.dataSource, ['notification_preferences'])).toBe(before);
  });

  it('refuses subscriptions past the depth, alias, cost and token limits with their codes', async () => {
    const client = connect();
    const fields = (n: number, alias = '') =>
      Array.from({ length: n }, (_, i) => `${alias && `${alias}${i}: `}id`).join(' ');
    const cases: [string, string][] = [
      [
        'QUERY_TOO_DEEP',
        'subscription { notificationReceived { ... on Notification { ... on Notification { ... on Notification { id } } } } }',
      ],
      ['TOO_MANY_ALIASES', `subscription { notificationReceived { ${fields(31, 'a')} } }`],
      [
        'QUERY_TOO_COMPLEX',
        'subscription { notificationReceived { id kind subject body bookingId critical createdAt readAt needsAcknowledgement supersededAt } }',
      ],
      ['QUERY_TOO_LARGE', `subscription { notificationReceived { ${fields(2000)} } }`],
    ];
    for (const [code, query] of cases) {
      const answer = await client.first(query);
      expect({ code, got: socketCode(answer) }).toEqual({ code, got: code });
      expect(answer.data).toBeUndefined();
    }
    // The limits are the ones HTTP has.
    const large = await api.gql(`{ me { ${fields(2000)} } }`, {}, token);
    expect(large.errors![0].extensions).toEqual({ code: 'QUERY_TOO_LARGE', maxTokens: 2000 });
  });

  it('answers a chain of 2,000 fragments with a code, on both transports', async () => {
    let chain = 'subscription { notificationReceived { ...F0 } }';
    for (let i = 0; i < 2000; i++)
      chain += ` fragment F${i} on Notification { ${i < 1999 ? `...F${i + 1}` : 'id'} }`;
    expect(socketCode(await connect().first(chain))).toBe('QUERY_TOO_LARGE');
  });

  it('closes a connection whose message is larger than an HTTP body may be', async () => {
    const padded = `${RECEIVED} #${'x'.repeat(300 * 1024)}`;
    expect((await connect().first(padded)).closed?.code).toBe(1009);
  });

  it('does not suggest names where introspection is off', async () => {
    const answer = await connect().first('subscription { notificationReceived { subjet } }');
    expect(answer.errors).toEqual([
      {
        message: 'Cannot query field "subjet" on type "Notification".',
        locations: [{ line: 1, column: 39 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('counts subscriptions against the address behind the trusted proxy, with HTTP mutations', async () => {
    const first = connect(token, '203.0.113.7');
    // One mutation over HTTP from that address, then two subscriptions: the allowance of three.
    const http = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-forwarded-for': '203.0.113.7',
      },
      body: JSON.stringify({
        query: SET_PREFERENCES,
        variables: { input: [{ channel: 'EMAIL', enabled: true }] },
      }),
    });
    expect(((await http.json()) as { errors?: unknown }).errors).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      expect((await subscriptionOutcome(api.app, first, organizerId)).data).toEqual({
        notificationReceived: { id: expect.any(String), subject: 'Notice' },
      });
    }
    const refused = await first.first(RECEIVED);
    expect(socketCode(refused)).toBe('RATE_LIMITED');
    expect(refused.errors![0].message).toMatch(
      /^Too many subscriptions from your address; try again in \d+ s$/,
    );
    // Another address, through the same proxy, has its own allowance.
    const other = await subscriptionOutcome(api.app, connect(token, '203.0.113.8'), organizerId);
    expect(other.data?.notificationReceived.subject).toBe('Notice');
  });
});
