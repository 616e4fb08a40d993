import { errorCode, TestApi } from './support/test-api';

const CHANGE =
  'mutation($current: String!, $next: String!) { changePassword(current: $current, next: $next) }';
const ME = '{ me { email } }';

/** What a signed-in person does for themselves. */
describe('self-service', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
  });
  afterAll(() => api.close());

  it('changes a password given the current one; tokens issued before stop working', async () => {
    const before = await api.login('organizer2@demo.local');
    const other = await api.login('organizer@demo.local');
    const refused = async (variables: Record<string, string>) => {
      const response = await api.gql(CHANGE, variables, before);
      return [errorCode(response), response.errors?.[0].extensions.field];
    };
    // Signed in, but the current password given is wrong: a bad input, counted as a failed login.
    expect(await refused({ current: 'wrong-password', next: 'a-new-password' })).toEqual([
      'BAD_USER_INPUT',
      'current',
    ]);
    expect(await refused({ current: 'demo1234', next: 'short' })).toEqual([
      'BAD_USER_INPUT',
      'next',
    ]);
    expect(await refused({ current: 'demo1234', next: 'demo1234' })).toEqual([
      'BAD_USER_INPUT',
      'next',
    ]);
    expect(errorCode(await api.gql(CHANGE, { current: 'demo1234', next: 'a-new-password' }))).toBe(
      'UNAUTHENTICATED',
    );
    // Nothing was changed by the refusals: the old token still works.
    expect((await api.gql(ME, {}, before)).data).toEqual({
      me: { email: 'organizer2@demo.local' },
    });

    const changed = await api.gql(CHANGE, { current: 'demo1234', next: 'a-new-password' }, before);
    expect(changed.data).toEqual({ changePassword: true });
    expect(errorCode(await api.gql(ME, {}, before))).toBe('UNAUTHENTICATED');
    await expect(api.login('organizer2@demo.local')).rejects.toThrow('UNAUTHENTICATED');
    const after = await api.login('organizer2@demo.local', 'a-new-password');
    expect((await api.gql(ME, {}, after)).data).toEqual({ me: { email: 'organizer2@demo.local' } });
    // Another account is untouched.
    expect((await api.gql(ME, {}, other)).data).toEqual({ me: { email: 'organizer@demo.local' } });
  });

  it('updates the caller’s own language, zone, names and phone, leaving out what is null', async () => {
    const UPDATE = `mutation($input: UpdateMeInput!) {
      updateMe(input: $input) { email locale timeZone nameZh nameEn phone displayName }
    }`;
    const token = await api.login('organizer@demo.local');
    const updated = await api.gql(
      UPDATE,
      {
        input: {
          locale: 'ZH_CN',
          timeZone: 'Europe/Paris',
          nameZh: ' 王芳 ',
          nameEn: 'Wang Fang',
          phone: '+86 10 6512 0000',
        },
      },
      token,
    );
    expect(updated.data.updateMe).toEqual({
      email: 'organizer@demo.local',
      locale: 'ZH_CN',
      timeZone: 'Europe/Paris',
      nameZh: '王芳',
      nameEn: 'Wang Fang',
      phone: '+86 10 6512 0000',
      displayName: 'Beijing International Exchange Association',
    });
    const nulls = await api.gql(
      UPDATE,
      { input: { phone: null, timeZone: null, nameEn: 'Fang' } },
      token,
    );
    expect(nulls.data.updateMe).toMatchObject({
      timeZone: 'Europe/Paris',
      phone: '+86 10 6512 0000',
      nameEn: 'Fang',
    });
    for (const [input, field] of [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ phone: 'call me' }, 'phone'],
      [{ nameZh: '   ' }, 'nameZh'],
      [{ nameEn: 'x'.repeat(101) }, 'nameEn'],
    ] as const) {
      const refused = await api.gql(UPDATE, { input }, token);
      expect([errorCode(refused), refused.errors?.[0].extensions.field]).toEqual([
        'BAD_USER_INPUT',
        field,
      ]);
    }
    expect((await api.gql('{ me { nameEn timeZone } }', {}, token)).data.me).toEqual({
      nameEn: 'Fang',
      timeZone: 'Europe/Paris',
    });
  });

  it('lists the caller’s own calendar feeds, newest first, without their secret URLs', async () => {
    const token = await api.login('organizer@demo.local');
    const other = await api.login('organizer2@demo.local', 'a-new-password');
    const CREATE = 'mutation { createCalendarFeed { id kind url } }';
    const first = (await api.gql(CREATE, {}, token)).data.createCalendarFeed;
    const second = (await api.gql(CREATE, {}, token)).data.createCalendarFeed;
    expect(first.url).toMatch(/\/calendar\/[\w-]+\.ics$/);
    await api.gql(
      'mutation($id: ID!) { revokeCalendarFeed(id: $id) { id } }',
      { id: first.id },
      token,
    );
    const FEEDS = '{ calendarFeeds { id kind url revokedAt } }';
    const mine = (await api.gql(FEEDS, {}, token)).data.calendarFeeds;
    expect(mine).toEqual([
      { id: second.id, kind: 'ORGANIZER', url: null, revokedAt: null },
      { id: first.id, kind: 'ORGANIZER', url: null, revokedAt: expect.any(String) },
    ]);
    expect((await api.gql(FEEDS, {}, other)).data.calendarFeeds).toEqual([]);
  });
});
