import { DateTime } from 'luxon';
import { activeVenue, beijing, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { SocketClient } from './support/socket-client';
import { errorCode, TestApi } from './support/test-api';

const ASSIGN =
  'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id status } }';
const REQUIREMENTS = 'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind } }';
const STAFF =
  'query($filter: StaffFilter) { staff(filter: $filter, first: 50) { edges { node { id nameZh nameEn timeZone } } } }';
const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';

/** "2026-06-03 10:00–12:00 (Asia/Shanghai)", as messages write a range in a zone. */
function localRange(startsAt: string, endsAt: string, zone: string): string {
  const start = DateTime.fromISO(startsAt, { zone });
  const end = DateTime.fromISO(endsAt, { zone });
  return `${start.toFormat('yyyy-MM-dd HH:mm')}–${end.toFormat('HH:mm')} (${zone})`;
}

/**
 * Error messages follow the reader: a signed-in caller's account locale, a signed-out caller's
 * Accept-Language, else Chinese; times in them are local, the zone named, while extensions keep
 * their ISO instants. organizer@demo.local reads English, organizer2@demo.local Chinese.
 */
describe('error messages in the reader’s language', () => {
  let api: TestApi;
  let admin: string;
  let adminEn: string;
  let qianmen: string;
  let organizerEn: string;
  let organizerZh: string;

  beforeAll(async () => {
    // A low depth limit, for the limit's message; the other operations here stay within it.
    api = await TestApi.start({ demo: true, env: { GRAPHQL_MAX_DEPTH: '6' } });
    [admin, qianmen, organizerEn, organizerZh] = await Promise.all(
      ['admin', 'qianmen', 'organizer', 'organizer2'].map((n) => api.login(`${n}@demo.local`)),
    );
    const created = await api.gql(
      CREATE_USER,
      {
        input: {
          email: 'admin-en@demo.local',
          password: 'secret-123',
          role: 'DISTRICT_ADMIN',
          displayName: 'District admin (English)',
          locale: 'EN',
        },
      },
      admin,
    );
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    adminEn = await api.login('admin-en@demo.local', 'secret-123');
  });

  afterAll(() => api.close());

  it('says a taken slot in each organizer’s language, the busy range in the venue’s time', async () => {
    const venueId = await activeVenue(
      api,
      { qianmen, admin },
      { nameZh: '语言测试厅', nameEn: 'Language Test Hall' },
    );
    const input = {
      venueId,
      startsAt: beijing(3, '10:00'),
      endsAt: beijing(3, '12:00'),
      title: 'Consular briefing',
      attendees: 20,
    };
    const first = await api.gql(REQUEST, { input, key: nextKey() }, organizerEn);
    expect(first.errors).toBeUndefined();

    const later = { ...input, startsAt: beijing(3, '11:00'), endsAt: beijing(3, '13:00') };
    const range = localRange(input.startsAt, input.endsAt, 'Asia/Shanghai');
    const [en, zh] = await Promise.all(
      [organizerEn, organizerZh].map((token) =>
        api.gql(REQUEST, { input: later, key: nextKey() }, token),
      ),
    );
    for (const refused of [en, zh]) {
      expect(errorCode(refused)).toBe('SLOT_TAKEN');
      expect(refused.errors![0].extensions).toMatchObject({
        busyFrom: new Date(input.startsAt).toISOString(),
        busyUntil: new Date(input.endsAt).toISOString(),
      });
    }
    expect(en.errors![0].message).toBe(
      `Language Test Hall is already booked for part of that time: busy ${range}`,
    );
    expect(zh.errors![0].message).toBe(`语言测试厅在该时间段内已有部分被预订：${range} 已被占用`);
  });

  it('says a staff conflict in each planner’s language, the other assignment in local time', async () => {
    const [venueA, venueB] = await Promise.all(
      [1, 2].map(() =>
        activeVenue(
          api,
          { qianmen, admin },
          { securityLevel: 2, openingHours: EVERY_DAY('07:00', '22:00') },
        ),
      ),
    );
    const interpreters = (
      await api.gql(STAFF, { filter: { kind: 'INTERPRETER', language: 'ar' } }, admin)
    ).data.staff.edges.map((e: any) => e.node);
    const fengBo = interpreters.find((s: any) => s.nameEn === 'Feng Bo');
    const arabicEvent = async (venueId: string, startsAt: string, endsAt: string) => {
      const input = {
        venueId,
        startsAt,
        endsAt,
        title: 'Arabic delegation',
        attendees: 40,
        interpretation: [{ from: 'zh', to: 'ar', mode: 'SIMULTANEOUS' }],
      };
      const booked = await api.gql(REQUEST, { input, key: nextKey() }, organizerEn);
      if (!booked.data) throw new Error(JSON.stringify(booked.errors));
      const requirements = (
        await api.gql(REQUIREMENTS, { id: booked.data.requestBooking.id }, admin)
      ).data.staffingRequirements;
      return requirements.find((r: any) => r.kind === 'INTERPRETER').id as string;
    };
    const [startsAt, endsAt] = [on(6, 3, '09:00'), on(6, 3, '11:00')];
    const first = await arabicEvent(venueA, startsAt, endsAt);
    const second = await arabicEvent(venueB, on(6, 3, '10:00'), on(6, 3, '12:00'));
    expect((await api.gql(ASSIGN, { r: first, s: fengBo.id }, admin)).errors).toBeUndefined();

    expect(fengBo.timeZone).toBe('Asia/Shanghai');
    const range = localRange(startsAt, endsAt, fengBo.timeZone);
    const [en, zh] = await Promise.all(
      [adminEn, admin].map((token) => api.gql(ASSIGN, { r: second, s: fengBo.id }, token)),
    );
    expect([errorCode(en), errorCode(zh)]).toEqual(['STAFF_CONFLICT', 'STAFF_CONFLICT']);
    expect(en.errors![0].message).toBe(
      `Feng Bo is assigned elsewhere ${range}, allowing 30 minutes to travel between venues`,
    );
    expect(zh.errors![0].message).toBe(
      `${fengBo.nameZh}在 ${range} 已有其他指派（场地之间预留 30 分钟路程）`,
    );
  });

  it('says a signed-out caller’s error in the language Accept-Language prefers, else Chinese', async () => {
    let attempts = 0;
    const asked = async (language?: string) => {
      // Another unknown address each time, so that failed sign-ins do not add up to a wait.
      const wrong = { email: `nobody-${++attempts}@demo.local`, password: 'not-the-password' };
      const result = await api.gql(
        LOGIN,
        wrong,
        undefined,
        language ? { 'accept-language': language } : {},
      );
      expect(errorCode(result)).toBe('UNAUTHENTICATED');
      return result.errors![0].message;
    };
    expect(await asked('en')).toBe('E-mail or password is wrong');
    expect(await asked('en-GB,en;q=0.9')).toBe('E-mail or password is wrong');
    expect(await asked('zh-CN')).toBe('电子邮件或密码错误');
    expect(await asked('fr, zh;q=0.4, en;q=0.6')).toBe('E-mail or password is wrong');
    expect(await asked('fr')).toBe('电子邮件或密码错误');
    expect(await asked()).toBe('电子邮件或密码错误');

    const unsigned = await api.gql('{ me { id } }', {}, undefined, { 'accept-language': 'en' });
    expect(unsigned.errors![0].message).toBe('Sign in: a bearer token is required');

    const feed = async (language: string) =>
      (await fetch(`${api.url}/calendar/${'a'.repeat(43)}.ics`, {
        headers: { 'accept-language': language },
      }).then((response) => response.json())) as { code: string; message: string };
    expect(await feed('en')).toEqual({ code: 'NOT_FOUND', message: 'No such calendar feed' });
    expect(await feed('zh-CN')).toEqual({ code: 'NOT_FOUND', message: '没有这个日历订阅' });
  });

  it('answers a signed-in caller in their account’s language, whatever Accept-Language says', async () => {
    const backwards = {
      venueId: '1',
      startsAt: beijing(5, '12:00'),
      endsAt: beijing(5, '10:00'),
      title: 'Backwards',
      attendees: 5,
    };
    const [zh, en] = await Promise.all([
      api.gql(REQUEST, { input: backwards, key: nextKey() }, organizerZh, {
        'accept-language': 'en',
      }),
      api.gql(REQUEST, { input: backwards, key: nextKey() }, organizerEn, {
        'accept-language': 'zh-CN',
      }),
    ]);
    expect(zh.errors![0]).toMatchObject({
      message: 'endsAt 必须晚于 startsAt',
      extensions: { code: 'BAD_USER_INPUT', field: 'endsAt' },
    });
    expect(en.errors![0].message).toBe('endsAt must be after startsAt');
  });

  it('says an input check in the reader’s language, with the constraint’s numbers', async () => {
    const long = {
      venueId: '1',
      startsAt: beijing(5, '10:00'),
      endsAt: beijing(5, '12:00'),
      title: 'x'.repeat(201),
      attendees: 5,
    };
    const [zh, en] = await Promise.all(
      [organizerZh, organizerEn].map((token) =>
        api.gql(REQUEST, { input: long, key: nextKey() }, token),
      ),
    );
    expect(zh.errors![0]).toMatchObject({
      message: 'title 最多 200 个字符',
      extensions: { code: 'BAD_USER_INPUT', field: 'title' },
    });
    expect(en.errors![0].message).toBe('title may be at most 200 characters');
  });

  it('says a refusal over WebSocket in the language of the connection’s account', async () => {
    const sockets = [organizerZh, organizerEn].map((token) => new SocketClient(api.url, token));
    try {
      const [zh, en] = await Promise.all(sockets.map((socket) => socket.first('{ me { id } }')));
      expect(zh.errors![0]).toMatchObject({
        message: '请通过 HTTP（POST /graphql）发送查询；此 WebSocket 只提供订阅',
        extensions: { code: 'WRONG_TRANSPORT' },
      });
      expect(en.errors![0].message).toBe(
        'Send queries over HTTP (POST /graphql); this WebSocket serves subscriptions only',
      );
    } finally {
      await Promise.all(sockets.map((socket) => socket.close()));
    }
  });

  it('says an operation limit in the reader’s language', async () => {
    const tooDeep = `
      fragment F on Venue { subdistrict { id } }
      query { venues { edges { node { ... on Venue { ...F } } } } }`;
    const [zh, en] = await Promise.all(
      ['zh-CN', 'en'].map((language) =>
        api.gql(tooDeep, {}, undefined, { 'accept-language': language }),
      ),
    );
    expect([errorCode(zh), errorCode(en)]).toEqual(['QUERY_TOO_DEEP', 'QUERY_TOO_DEEP']);
    expect(zh.errors![0]).toMatchObject({
      message: '查询嵌套超过 6 层',
      extensions: { maxDepth: 6 },
    });
    expect(en.errors![0].message).toBe('Query is nested deeper than 6 levels');
  });
});
