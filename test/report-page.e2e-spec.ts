import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { beijing, on } from './support/booking-fixtures';
import { launchChromium, offlineContext } from './support/browser';
import { adminVenue, BEIXINQIAO, insertBooking, userId } from './support/report-fixtures';
import { TestApi } from './support/test-api';
import { venueInput } from './support/venue-fixtures';

const ARTIFACTS = join(__dirname, 'artifacts');
const CHARTS = [
  'chart-utilisation',
  'chart-protocol',
  'chart-lead',
  'chart-unmet',
  'chart-coverage',
  'chart-security',
];

/** The little of the page's DOM the checks use (the test compiles without the DOM typings). */
interface PageGlobals {
  reportChartsDrawn?: number;
  document: {
    getElementById(id: string): {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      };
    };
  };
}

/** Per canvas: how many pixels are drawn at all, and how many in the given colour. */
function canvasPixels(page: Page, rgb: [number, number, number]) {
  return page.evaluate(
    ({ ids, rgb }) =>
      ids.map((id) => {
        const canvas = (globalThis as unknown as PageGlobals).document.getElementById(id);
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let drawn = 0;
        let coloured = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] === 0) continue;
          drawn++;
          if (data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2]) coloured++;
        }
        return { id, width: canvas.width, drawn, coloured };
      }),
    { ids: CHARTS, rgb },
  );
}

describe('report page in headless Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  const from = on(3, 1, '00:00');
  const to = on(4, 1, '00:00');

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    const admin = await api.login('admin@demo.local');
    const organizerId = await userId(api, 'organizer@demo.local');
    const venueId = await adminVenue(
      api,
      admin,
      venueInput(BEIXINQIAO, {
        nameEn: 'Beixinqiao Page Hall',
        openingHours: [1, 2, 3, 4, 5].map((weekday) => ({
          weekday,
          opens: '09:00',
          closes: '17:00',
        })),
      }),
    );
    // Two approved events, 3 h and 5 h of the week's 40 open hours.
    await insertBooking(api, {
      venueId,
      organizerId,
      status: 'APPROVED',
      startsAt: on(3, 1, '09:00'),
      endsAt: on(3, 1, '12:00'),
      foreignGuests: 12,
      protocolLevel: 'HIGH',
      submittedAt: beijing(-4, '09:00'),
      approvedAt: beijing(-4, '15:00'),
    });
    await insertBooking(api, {
      venueId,
      organizerId,
      status: 'APPROVED',
      startsAt: on(3, 3, '12:00'),
      endsAt: on(3, 3, '17:00'),
      foreignGuests: 8,
      submittedAt: beijing(-4, '09:00'),
      approvedAt: beijing(-3, '09:00'),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const pageUrl = (lang?: string, range = { from, to }) =>
    `${api.url}/reports/service-capacity?${new URLSearchParams({
      ...range,
      subdistrictId: BEIXINQIAO,
      ...(lang ? { lang } : {}),
    }).toString()}`;

  it('signs the district admin in with Basic auth, shows the figures and draws every chart', async () => {
    const { context, trouble } = await offlineContext(browser, api.url, {
      httpCredentials: { username: 'admin@demo.local', password: 'demo1234' },
      viewport: { width: 1280, height: 1600 },
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(pageUrl('en'));
      expect(response?.status()).toBe(200);
      await page.waitForFunction(
        () => (globalThis as unknown as PageGlobals).reportChartsDrawn === 6,
      );
      // Under a policy that runs no inline script or style, offline, without a complaint.
      const policy = (await response!.headerValue('content-security-policy')) ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(await page.title()).toBe('Service capacity of venues for foreign-related events');
      const totals = await page.locator('#totals').innerText();
      // 8 h of 40: 20 %, two events, 20 foreign guests.
      expect(totals).toContain('Utilisation\n20%');
      expect(totals).toContain('Events\n2');
      expect(totals).toContain('Foreign guests\n20');
      expect(await page.locator('#venues').innerText()).toContain('Beixinqiao Page Hall');
      // The range form shows the days in Beijing.
      expect(await page.inputValue('input[name=from]')).toBe(from.slice(0, 10));
      expect(await page.inputValue('input[name=to]')).toBe(to.slice(0, 10));

      // The utilisation bars are drawn in their own red (#b22222).
      const pixels = await canvasPixels(page, [0xb2, 0x22, 0x22]);
      for (const canvas of pixels) {
        expect(canvas.width).toBeGreaterThan(0);
        expect(canvas.drawn).toBeGreaterThan(500);
      }
      expect(pixels.find((canvas) => canvas.id === 'chart-utilisation')!.coloured).toBeGreaterThan(
        50,
      );

      mkdirSync(ARTIFACTS, { recursive: true });
      const screenshot = join(ARTIFACTS, 'report-page.png');
      const image = await page.screenshot({ path: screenshot, fullPage: true });
      expect(image.length).toBeGreaterThan(10_000);
      expect(trouble).toEqual({ cspViolations: [], elsewhere: [] });
    } finally {
      await context.close();
    }
  });

  it('is in Chinese by default and refuses a browser without the admin’s password', async () => {
    const signedIn = await browser.newContext({
      httpCredentials: { username: 'admin@demo.local', password: 'demo1234' },
    });
    const anonymous = await browser.newContext();
    try {
      const page = await signedIn.newPage();
      // As the form sends it: bare days, read as midnight in Beijing (the same week).
      await page.goto(pageUrl(undefined, { from: from.slice(0, 10), to: to.slice(0, 10) }));
      await page.waitForFunction(
        () => (globalThis as unknown as PageGlobals).reportChartsDrawn === 6,
      );
      expect(await page.title()).toBe('涉外活动场地服务能力报告');
      expect(await page.locator('#totals').innerText()).toContain('活动场次\n2');
      // Without credentials the browser is asked for them (it cannot answer when headless).
      const refused = await anonymous.request.get(pageUrl('en'));
      expect(refused.status()).toBe(401);
      expect(refused.headers()['www-authenticate']).toMatch(/^Basic realm=/);
    } finally {
      await signedIn.close();
      await anonymous.close();
    }
  });
});
