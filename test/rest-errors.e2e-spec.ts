import { TestApi } from './support/test-api';
import { HTTP_STATUS_OF } from '../apps/api/src/graphql/error-codes';

/**
 * The REST routes refuse with the status the error catalogue gives the code, and a JSON body with
 * the code, message and field GraphQL would give.
 */
describe('REST refusals', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, qianmen] = await Promise.all([
      api.login('admin@demo.local'),
      api.login('qianmen@demo.local'),
    ]);
  });

  afterAll(() => api.close());

  async function refusal(path: string, token?: string, init: RequestInit = {}) {
    const response = await fetch(`${api.url}${path}`, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { code: keyof typeof HTTP_STATUS_OF; field?: string };
    expect(response.status).toBe(HTTP_STATUS_OF[body.code]);
    return { status: response.status, headers: response.headers, body };
  }

  const csv = (query: Record<string, string>, table = 'venues') =>
    `/reports/service-capacity/${table}.csv?${new URLSearchParams(query).toString()}`;

  it('answers a bad date of a CSV with 400 BAD_USER_INPUT naming the field', async () => {
    const { status, body } = await refusal(csv({ from: 'last tuesday' }), admin);
    expect(status).toBe(400);
    expect(body).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'from',
      message: 'from 必须是 ISO 8601 日期或时间', // in the admin's language
    });
  });

  it('answers a backwards range with the report’s own BAD_USER_INPUT on `to`', async () => {
    const backwards = await refusal(
      csv({ from: '2026-03-10', to: '2026-03-01' }, 'subdistricts'),
      admin,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('answers a malformed subdistrict with 400 and an unknown one with 404', async () => {
    const malformed = await refusal(csv({ subdistrictId: 'qianmen' }), admin);
    expect(malformed.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subdistrictId' });
    const unknown = await refusal(csv({ subdistrictId: '999999' }), admin);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
  });

  it('answers an unknown CSV table with 404 NOT_FOUND', async () => {
    const { status, body } = await refusal('/reports/service-capacity/nothing.csv', admin);
    expect(status).toBe(404);
    expect(body).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^没有报表 nothing/),
    });
  });

  it('turns a subdistrict manager away from another subdistrict’s CSV with 403 FORBIDDEN', async () => {
    // Their own subdistrict's is theirs to read (see the reports suite); Jingshan's is not.
    const { status, body } = await refusal(csv({ subdistrictId: '2' }), qianmen);
    expect(status).toBe(403);
    expect(body.code).toBe('FORBIDDEN');
  });

  it('asks an anonymous caller to sign in: 401 UNAUTHENTICATED with the Basic challenge', async () => {
    const { status, headers, body } = await refusal(csv({}));
    expect(status).toBe(401);
    expect(body.code).toBe('UNAUTHENTICATED');
    expect(headers.get('www-authenticate')).toMatch(/^Basic realm="/);
  });

  it('answers the report page’s bad date with 400 too', async () => {
    const { status, body } = await refusal('/reports/service-capacity?to=soon', admin);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('answers an unknown calendar feed token with 404 NOT_FOUND', async () => {
    const { status, body } = await refusal(`/calendar/${'a'.repeat(43)}.ics`);
    expect(status).toBe(404);
    // Signed out, asking for no language: Chinese.
    expect(body).toEqual({ code: 'NOT_FOUND', message: '没有这个日历订阅' });
  });

  it('answers a body it cannot read with the same shape: 413 PAYLOAD_TOO_LARGE, 400 BAD_REQUEST', async () => {
    const json = (body: string): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const large = await refusal(
      '/reports/service-capacity',
      admin,
      json(JSON.stringify({ x: 'x'.repeat(300_000) })),
    );
    expect(large.status).toBe(413);
    expect(large.body).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/larger than .*256 kB/),
    });
    const malformed = await refusal('/health', undefined, json('{"x": '));
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^The request body is not valid JSON/),
    });
  });
});
