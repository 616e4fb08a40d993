import { Browser, BrowserContext, BrowserContextOptions, chromium } from 'playwright-core';
import { chromiumPath } from '../../scripts/chromium';

/** The system Chromium, headless (see scripts/chromium.ts). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
}

/** What a browser context saw that a page of the API must not cause. */
export interface PageTrouble {
  /** Console messages of resources or code the page's Content-Security-Policy refused. */
  cspViolations: string[];
  /** Requests to any origin but the API's own, refused as if there were no internet. */
  elsewhere: string[];
}

/**
 * A context that reaches only the API (every other origin is refused, as offline) and records
 * Content-Security-Policy violations, in its pages and their frames.
 */
export async function offlineContext(
  browser: Browser,
  apiUrl: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; trouble: PageTrouble }> {
  const context = await browser.newContext(options);
  const origin = new URL(apiUrl).origin;
  const trouble: PageTrouble = { cspViolations: [], elsewhere: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    trouble.elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) trouble.cspViolations.push(message.text());
  });
  return { context, trouble };
}
