import { JwtService } from '@nestjs/jwt';
import { DEVELOPMENT_JWT_SECRET } from '@app/config';
import { errorCode, snapshot, TestApi } from './support/test-api';
import { DEMO_ACCOUNTS } from '../apps/cli/src/demo/demo-accounts';

const ME = 'query { me { id email role displayName locale timeZone subdistrict { code } } }';
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role subdistrict { code } } }`;

describe('authentication and accounts over HTTP', () => {
  let api: TestApi;

  beforeAll(async () => {
    // A short account cache, so that a deactivation shows within two seconds.
    api = await TestApi.start({ demo: true, env: { AUTH_USER_CACHE_SECONDS: '2' } });
  });

  afterAll(() => api.close());

  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a.role, a.subdistrictCode ?? null] as const))(
    'logs in %s as %s',
    async (email, role, subdistrictCode) => {
      const login = await api.gql(
        'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { email role } } }',
        { email, password: 'demo1234' },
      );
      expect(login.errors).toBeUndefined();
      expect(login.data.login.user).toEqual({ email, role });
      const me = await api.gql(ME, {}, login.data.login.accessToken);
      expect(me.data.me).toMatchObject({ email, role, timeZone: 'Asia/Shanghai' });
      expect(me.data.me.subdistrict?.code ?? null).toBe(subdistrictCode);
    },
  );

  it('accepts the e-mail in any case and with spaces around it', async () => {
    await expect(api.login('  Admin@Demo.Local ')).resolves.toEqual(expect.any(String));
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const wrong = await api.gql(
      'mutation { login(email: "admin@demo.local", password: "nope1234") { accessToken } }',
    );
    const unknown = await api.gql(
      'mutation { login(email: "ghost@demo.local", password: "demo1234") { accessToken } }',
    );
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('guards every operation: no token, a forged token and an expired token are UNAUTHENTICATED', async () => {
    const token = await api.login('admin@demo.local');
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = await new JwtService().signAsync(
      { sub: claims.sub, role: 'DISTRICT_ADMIN' },
      { secret: 'someone-elses-secret-123' },
    );
    const expired = await new JwtService().signAsync(
      { sub: claims.sub, role: 'DISTRICT_ADMIN', exp: Math.floor(Date.now() / 1000) - 60 },
      { secret: DEVELOPMENT_JWT_SECRET },
    );
    const tampered = `${token.split('.')[0]}.${Buffer.from(JSON.stringify({ ...claims, role: 'ORGANIZER' })).toString('base64url')}.${token.split('.')[2]}`;
    for (const query of [ME, 'query { subdistricts { id } }', 'query { venues { totalCount } }']) {
      expect(errorCode(await api.gql(query))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(query, {}, forged))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(query, {}, expired))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(query, {}, tampered))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(query, {}, 'garbage'))).toBe('UNAUTHENTICATED');
    }
    expect((await api.gql(ME, {}, token)).data.me.role).toBe('DISTRICT_ADMIN');
  });

  it('stops taking a token at its expiry, though it was taken before', async () => {
    const token = await api.login('admin@demo.local');
    const [, payload] = token.split('.');
    const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    // Expiring at the second after next: at least a second to take it, then expired at once.
    const exp = Math.ceil(Date.now() / 1000) + 1;
    const shortLived = await new JwtService().signAsync(
      { sub, role: 'DISTRICT_ADMIN', exp },
      { secret: DEVELOPMENT_JWT_SECRET },
    );
    expect((await api.gql(ME, {}, shortLived)).data.me.role).toBe('DISTRICT_ADMIN');
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    const late = await api.gql(ME, {}, shortLived, { 'accept-language': 'en' });
    expect(errorCode(late)).toBe('UNAUTHENTICATED');
    expect(late.errors![0].message).toBe('Access token has expired');
  });

  it('stops taking an account deactivated in the database within AUTH_USER_CACHE_SECONDS (2)', async () => {
    const admin = await api.login('admin@demo.local');
    const created = await api.gql(
      CREATE_USER,
      {
        input: {
          email: 'leaving@demo.local',
          password: 'secret-123',
          role: 'ORGANIZER',
          displayName: 'Leaving',
        },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const token = await api.login('leaving@demo.local', 'secret-123');
    expect((await api.gql(ME, {}, token)).data.me.email).toBe('leaving@demo.local');
    await api.dataSource.query("UPDATE users SET active = 0 WHERE email = 'leaving@demo.local'");
    // Read a moment ago, the account is taken as it was until the two seconds are up.
    const SUBDISTRICTS = 'query { subdistricts { code } }';
    expect((await api.gql(SUBDISTRICTS, {}, token)).data.subdistricts).toHaveLength(17);
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(errorCode(await api.gql(SUBDISTRICTS, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('lists the 17 subdistricts of Dongcheng, bilingual', async () => {
    const token = await api.login('organizer@demo.local');
    const { data } = await api.gql('query { subdistricts { code nameZh nameEn } }', {}, token);
    expect(data.subdistricts).toHaveLength(17);
    expect(data.subdistricts).toContainEqual({
      code: 'QIANMEN',
      nameZh: '前门街道',
      nameEn: 'Qianmen',
    });
  });

  describe('createUser', () => {
    it('lets the district admin create a manager bound to one subdistrict, who can then log in', async () => {
      const admin = await api.login('admin@demo.local');
      const created = await api.gql(
        CREATE_USER,
        {
          input: {
            email: 'dongsi@demo.local',
            password: 'secret-123',
            role: 'SUBDISTRICT_MANAGER',
            displayName: '东四街道',
            subdistrictId: '6',
          },
        },
        admin,
      );
      expect(created.data.createUser).toMatchObject({
        email: 'dongsi@demo.local',
        role: 'SUBDISTRICT_MANAGER',
        subdistrict: { code: 'DONGSI' },
      });
      await expect(api.login('dongsi@demo.local', 'secret-123')).resolves.toEqual(
        expect.any(String),
      );
    });

    it.each([
      ['organizer@demo.local', 'FORBIDDEN'],
      ['qianmen@demo.local', 'FORBIDDEN'],
    ])('is refused to %s', async (email, code) => {
      const token = await api.login(email);
      const before = await snapshot(api.dataSource, ['users']);
      const result = await api.gql(
        CREATE_USER,
        {
          input: {
            email: 'new@demo.local',
            password: 'secret-123',
            role: 'DISTRICT_ADMIN',
            displayName: 'Intruder',
          },
        },
        token,
      );
      expect(errorCode(result)).toBe(code);
      expect(await snapshot(api.dataSource, ['users'])).toBe(before);
    });

    it.each([
      [
        'a manager without a subdistrict',
        { role: 'SUBDISTRICT_MANAGER' },
        'BAD_USER_INPUT',
        'subdistrictId',
      ],
      [
        'an organizer with a subdistrict',
        { role: 'ORGANIZER', subdistrictId: '11' },
        'BAD_USER_INPUT',
        'subdistrictId',
      ],
      [
        'an unknown subdistrict',
        { role: 'SUBDISTRICT_MANAGER', subdistrictId: '404' },
        'BAD_USER_INPUT',
        'subdistrictId',
      ],
      ['a short password', { password: 'short' }, 'BAD_USER_INPUT', 'password'],
      ['a malformed e-mail', { email: 'nobody' }, 'BAD_USER_INPUT', 'email'],
      ['an unknown role', { role: 'EMPEROR' }, 'BAD_USER_INPUT', 'role'],
      ['an unknown time zone', { timeZone: 'Asia/Atlantis' }, 'BAD_USER_INPUT', 'timeZone'],
      ['an e-mail already taken', { email: 'organizer@demo.local' }, 'CONFLICT', 'email'],
    ])('refuses %s', async (_name, overrides, code, field) => {
      const admin = await api.login('admin@demo.local');
      const before = await snapshot(api.dataSource, ['users']);
      const input = {
        email: 'fresh@demo.local',
        password: 'secret-123',
        role: 'ORGANIZER',
        displayName: 'Fresh',
        ...overrides,
      };
      const result = await api.gql(CREATE_USER, { input }, admin);
      expect(errorCode(result)).toBe(code);
      expect(result.errors![0].extensions.field).toBe(field);
      expect(await snapshot(api.dataSource, ['users'])).toBe(before);
    });
  });
});
