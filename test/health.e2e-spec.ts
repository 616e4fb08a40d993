import { launchChromium, offlineContext } from './support/browser';
import { TestApi } from './support/test-api';

describe('GET /health', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });

  afterAll(() => api.close());

  it('answers 200 with the database and Redis up, without a token', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    const body: any = await response.json();
    expect(body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('tags every response with a request id, keeping one the client sent', async () => {
    const mine = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-abc-123');
    const made = await fetch(`${api.url}/health`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the GraphQL IDE from local packages', async () => {
    const response = await fetch(`${api.url}/altair/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<app-root');
  });

  it('runs the IDE in a browser offline, within its Content-Security-Policy', async () => {
    const browser = await launchChromium();
    try {
      const { context, trouble } = await offlineContext(browser, api.url);
      const page = await context.newPage();
      const response = await page.goto(`${api.url}/altair/`);
      expect(await response!.headerValue('content-security-policy')).toContain("script-src 'self'");
      // The schema's docs appear once the IDE's introspection query has been answered.
      await page.getByText('@specifiedBy').waitFor();
      await page.getByRole('button', { name: /send request/i }).waitFor();
      expect(trouble).toEqual({ cspViolations: [], elsewhere: [] });
    } finally {
      await browser.close();
    }
  });
});
