import { AuthService } from '@app/auth';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { districtAdminMiddleware } from '../apps/api/src/auth/admin-http.guard';
import { TestApi } from './support/test-api';

/** The district-admin browser check as middleware, in front of a plain Node handler. */
describe('districtAdminMiddleware', () => {
  let api: TestApi;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    const guard = districtAdminMiddleware(api.app.get(AuthService));
    server = createServer((request, response) =>
      guard(request, response, (error) => {
        response.statusCode = error ? 500 : 200;
        response.end(
          error
            ? 'error'
            : `dashboard for ${(request as { actor?: { role: string } }).actor?.role}`,
        );
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/queues`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await api.close();
  });

  const basic = (email: string, password: string) =>
    `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
  const get = (authorization?: string) =>
    fetch(url, { headers: authorization ? { authorization } : {} });

  it('lets the district admin through with Basic or Bearer, and sets the actor', async () => {
    const viaBasic = await get(basic('admin@demo.local', 'demo1234'));
    expect(viaBasic.status).toBe(200);
    expect(await viaBasic.text()).toBe('dashboard for DISTRICT_ADMIN');
    const viaBearer = await get(`Bearer ${await api.login('admin@demo.local')}`);
    expect(await viaBearer.text()).toBe('dashboard for DISTRICT_ADMIN');
  });

  it('challenges a missing or wrong sign-in, and refuses other roles', async () => {
    for (const authorization of [
      undefined,
      basic('admin@demo.local', 'wrong'),
      'Basic bm8tY29sb24=', // "no-colon"
      'Bearer not-a-token',
    ]) {
      const response = await get(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(
        /^Basic realm=".+", charset="UTF-8"$/,
      );
    }
    const organizer = await get(basic('organizer@demo.local', 'demo1234'));
    expect(organizer.status).toBe(403);
    expect(organizer.headers.get('www-authenticate')).toBeNull();
    expect(await organizer.json()).toMatchObject({ statusCode: 403 });
  });
});
