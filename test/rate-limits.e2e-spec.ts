import { INestApplication } from '@nestjs/common';
import { errorCode, GraphQLResponse, TestApi } from './support/test-api';
import { createApiApp } from '../apps/api/src/bootstrap';

const SET = `mutation($input: [ChannelPreferenceInput!]!) {
  setNotificationPreferences(input: $input) { channel enabled } }`;
const PREFERENCES = '{ notificationPreferences { channel enabled } }';
const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';

describe('abuse limits, shared by every API instance through Redis', () => {
  let api: TestApi;
  let second: INestApplication;
  let secondUrl: string;

  beforeAll(async () => {
    api = await TestApi.start({
      demo: true,
      env: {
        RATE_LIMIT_USER_MUTATIONS_PER_MINUTE: '5',
        RATE_LIMIT_IP_MUTATIONS_PER_MINUTE: '8',
        RATE_LIMIT_IP_LOGINS_PER_MINUTE: '14',
        LOGIN_FREE_FAILURES: '3',
      },
    });
    second = await createApiApp(api.env);
    await second.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await second?.close();
    await api.close();
  });

  async function viaSecond(query: string, variables: object, token?: string) {
    const response = await fetch(`${secondUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  }

  const login = (email: string, password: string) => api.gql(LOGIN, { email, password });
  const retryAfter = (response: GraphQLResponse) =>
    response.errors?.[0]?.extensions.retryAfterSeconds as number;

  it('limits mutations per user and per address across instances, and a refused one writes nothing', async () => {
    const [organizer, other] = await Promise.all([
      api.login('organizer@demo.local'),
      api.login('organizer2@demo.local'),
    ]);
    const harmless = { input: [{ channel: 'EMAIL', enabled: true }] };
    for (let i = 0; i < 5; i++)
      expect((await api.gql(SET, harmless, organizer)).errors).toBeUndefined();

    // The sixth, through the other instance, and one that would have changed something.
    const sixth = await viaSecond(
      SET,
      { input: [{ channel: 'EMAIL', enabled: false }] },
      organizer,
    );
    expect(errorCode(sixth)).toBe('RATE_LIMITED');
    expect(sixth.errors![0].message).toMatch(/^Too many changes; try again in \d+ s$/);
    expect(retryAfter(sixth)).toBeGreaterThan(0);
    expect(retryAfter(sixth)).toBeLessThanOrEqual(60);
    const email = (await api.gql(PREFERENCES, {}, organizer)).data.notificationPreferences.find(
      (p: any) => p.channel === 'EMAIL',
    );
    expect(email.enabled).toBe(true);
    // Reading is not limited.
    expect((await viaSecond(PREFERENCES, {}, organizer)).errors).toBeUndefined();

    // Another user has their own allowance, but the address has used 6 of its 8.
    expect((await api.gql(SET, harmless, other)).errors).toBeUndefined();
    expect((await viaSecond(SET, harmless, other)).errors).toBeUndefined();
    const ninth = await api.gql(SET, harmless, other);
    expect(errorCode(ninth)).toBe('RATE_LIMITED');
    expect(ninth.errors![0].message).toMatch(/^来自您地址的更改过多/); // organizer2 reads Chinese
  });

  it('makes each failed sign-in beyond the free ones double the wait, and a success resets it', async () => {
    const email = 'qianmen@demo.local';
    for (let i = 0; i < 3; i++)
      expect(errorCode(await login(email, 'wrong'))).toBe('UNAUTHENTICATED');
    // Even the right password waits now, and the wait holds on the other instance too.
    const waiting = await viaSecond(LOGIN, { email, password: 'demo1234' });
    expect(errorCode(waiting)).toBe('RATE_LIMITED');
    expect(retryAfter(waiting)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(errorCode(await login(email, 'wrong'))).toBe('UNAUTHENTICATED');
    expect(retryAfter(await login(email, 'demo1234'))).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await login(email, 'demo1234')).errors).toBeUndefined();
    // A success forgets the failures.
    expect(errorCode(await login(email, 'wrong'))).toBe('UNAUTHENTICATED');
    expect((await login(email, 'demo1234')).errors).toBeUndefined();
  });

  it('limits sign-in attempts per address', async () => {
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 16; i++) answers.push(errorCode(await login(`nobody${i}@demo.local`, 'x')));
    // 14 a minute from one address, the ones above already among them.
    const limited = answers.indexOf('RATE_LIMITED');
    expect(limited).toBeGreaterThan(0);
    expect(answers.slice(0, limited).every((code) => code === 'UNAUTHENTICATED')).toBe(true);
    expect(answers.slice(limited).every((code) => code === 'RATE_LIMITED')).toBe(true);
  });
});
