import { TestApi } from './support/test-api';

// A page on another site can make a browser send a GET or a simple POST without a preflight;
// the API must refuse to run such a request (Apollo's CSRF prevention, kept on).
describe('CSRF prevention', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    token = await api.login('admin@demo.local');
  });

  afterAll(() => api.close());

  const query = encodeURIComponent('{ me { email } }');

  it('refuses a GET query a cross-site page could send (no preflight header)', async () => {
    const response = await fetch(`${api.url}/graphql?query=${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('admin@demo.local');
  });

  it('refuses a text/plain POST, as a cross-site form sends', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toContain('admin@demo.local');
  });

  it('answers a GET query that carries the preflight header Apollo clients send', async () => {
    const response = await fetch(`${api.url}/graphql?query=${query}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': '1' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('admin@demo.local');
  });
});
