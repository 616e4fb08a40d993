import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { DEMO_PASSWORD } from '../../apps/cli/src/demo/demo-accounts';
import { SocketClient, socketCode, subscriptionOutcome } from '../support/socket-client';
import { GraphQLResponse, TestApi } from '../support/test-api';

const SUGGESTION = /Did you mean/;

/**
 * The API as production runs it (NODE_ENV=production, a production-grade secret), over a
 * database the demo seed filled in test mode: the seed refuses production, and so does nothing
 * else here. Neither transport lets the schema be read, by introspection or by suggestions.
 */
describe('production mode: the schema is not given away, over HTTP or WebSocket', () => {
  let api: TestApi;
  let production: INestApplication;
  let url: string;
  let token: string;
  const sockets: SocketClient[] = [];

  async function gql(query: string, variables: object = {}, bearer?: string) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return {
      ...((await response.json()) as Omit<GraphQLResponse, 'status'>),
      status: response.status,
    };
  }

  function socket(bearer?: string): SocketClient {
    const client = new SocketClient(url, bearer);
    sockets.push(client);
    return client;
  }

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    production = await createApiApp({
      ...api.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'production-mode-suite-secret-of-48-characters..',
    });
    await production.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(production.getHttpServer().address() as { port: number }).port}`;
    const login = await gql(
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      { email: 'admin@demo.local', password: DEMO_PASSWORD },
    );
    token = login.data.login.accessToken;
  });

  afterAll(async () => {
    await Promise.all(sockets.map((client) => client.close()));
    await production?.close();
    await api?.close();
  });

  it('answers as usual: a query over HTTP, a subscription over WebSocket', async () => {
    expect((await gql('{ me { role } }', {}, token)).data).toEqual({
      me: { role: 'DISTRICT_ADMIN' },
    });
    const me = (await gql('{ me { id } }', {}, token)).data.me.id;
    const heard = await subscriptionOutcome(production, socket(token), me);
    expect(heard.data?.notificationReceived.id).toEqual(expect.any(String));
  });

  it('refuses introspection over HTTP, signed in or not', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Venue") { fields { name } } }',
    ]) {
      for (const bearer of [token, undefined]) {
        const answer = await gql(query, {}, bearer);
        expect(answer.status).toBe(400);
        expect(answer.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(answer.errors![0].message).toMatch(/introspection/i);
        expect(answer.data).toBeUndefined();
      }
    }
  });

  it('refuses introspection over WebSocket: no connection without a token, no queries with one', async () => {
    const introspection = '{ __schema { types { name } } }';
    expect(socketCode(await socket().first(introspection))).toBe(4401);
    const signedIn = socket(token);
    expect(socketCode(await signedIn.first(introspection))).toBe('WRONG_TRANSPORT');
    const asSubscription = await signedIn.first('subscription { __schema { types { name } } }');
    expect(socketCode(asSubscription)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(asSubscription.data).toBeUndefined();
  });

  it('suggests no names, in validation or in variables, over either transport', async () => {
    const answers = [
      await gql('{ venus { totalCount } }', {}, token),
      await gql('{ venues { edges { node { nameZhh } } } }', {}, token),
      await gql(
        'mutation($input: [ChannelPreferenceInput!]!) { setNotificationPreferences(input: $input) { channel } }',
        { input: [{ channel: 'EMAL', enabled: true }] },
        token,
      ),
      await socket(token).first('subscription { notificationReceived { subjet } }'),
      await socket(token).first('subscription { notificationRecieved { id } }'),
    ];
    for (const answer of answers) {
      expect(answer.errors?.length).toBeGreaterThan(0);
      for (const error of answer.errors!) expect(error.message).not.toMatch(SUGGESTION);
    }
  });
});
