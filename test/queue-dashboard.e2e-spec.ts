import { Browser } from 'playwright-core';
import { launchChromium, offlineContext } from './support/browser';
import { TestApi } from './support/test-api';
import { DEMO_PASSWORD } from '../apps/cli/src/demo/demo-accounts';

const basic = (email: string, password = DEMO_PASSWORD) =>
  `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;

describe('queue dashboard at /queues', () => {
  let api: TestApi;
  let browser: Browser | undefined;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
  });

  afterAll(async () => {
    await browser?.close();
    await api.close();
  });

  const get = (path: string, authorization?: string) =>
    fetch(`${api.url}${path}`, { headers: authorization ? { authorization } : {} });

  it('asks a browser to sign in, with a Basic challenge', async () => {
    for (const authorization of [
      undefined,
      basic('admin@demo.local', 'wrong password'),
      basic('nobody@demo.local'),
      'Bearer not-a-token',
    ]) {
      const response = await get('/queues', authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="Dongcheng venues"/);
    }
  });

  it('is forbidden to other roles, by password or by token', async () => {
    expect((await get('/queues', basic('organizer@demo.local'))).status).toBe(403);
    const token = await api.login('qianmen@demo.local');
    expect((await get('/queues/api/queues', `Bearer ${token}`)).status).toBe(403);
  });

  it('shows the board to a district admin signed in with e-mail and password', async () => {
    const response = await get('/queues', basic('admin@demo.local'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('Dongcheng venues');
    // Its scripts come from the API itself (the board works without internet access).
    expect(html).toContain('<base href="/queues/"');
    const script = /<script[^>]+src="(static\/[^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await get(`/queues/${script}`, basic('admin@demo.local'))).status).toBe(200);
  });

  it('draws the board in a browser offline, within its Content-Security-Policy', async () => {
    browser = await launchChromium();
    const { context, trouble } = await offlineContext(browser, api.url, {
      httpCredentials: { username: 'admin@demo.local', password: DEMO_PASSWORD },
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${api.url}/queues`);
      expect(response?.status()).toBe(200);
      expect(await response!.headerValue('content-security-policy')).toContain("script-src 'self'");
      // The board has fetched the queues from its API and lists them.
      await page
        .getByRole('link', { name: /notifications/i })
        .first()
        .waitFor();
      expect(await page.getByRole('link', { name: /bookings/i }).count()).toBeGreaterThan(0);
      expect(trouble).toEqual({ cspViolations: [], elsewhere: [] });
    } finally {
      await context.close();
    }
  });

  it('lists both queues to a district admin with a token, and changes nothing', async () => {
    const authorization = `Bearer ${await api.login('admin@demo.local')}`;
    const response = await get('/queues/api/queues', authorization);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((queue) => queue.name).sort()).toEqual(['bookings', 'notifications']);
    expect(body.queues.every((queue) => queue.readOnlyMode)).toBe(true);
    const pause = await fetch(`${api.url}/queues/api/queues/notifications/pause`, {
      method: 'PUT',
      headers: { authorization },
    });
    expect(pause.status).toBe(405);
  });

  it('trusts a verified Basic header briefly without checking the password again', async () => {
    const header = basic('admin@demo.local');
    expect((await get('/queues', header)).status).toBe(200);
    // The password changes: the remembered header still passes, a new one is checked.
    await api.dataSource.query("UPDATE users SET password_hash = 'x' WHERE email = ?", [
      'admin@demo.local',
    ]);
    expect((await get('/queues/api/queues', header)).status).toBe(200);
    expect((await get('/queues', basic('admin@demo.local', `${DEMO_PASSWORD} `))).status).toBe(401);
  });
});
