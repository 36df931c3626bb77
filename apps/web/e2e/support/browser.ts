import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { login } from '../../../server/test-support/test-server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this sandbox needs (no background networking). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Service workers are blocked in the contexts of tests about something else: a first visit's worker
 * installs in the background (precache, offline copies read again), which changes request counts and
 * keeps the network busy. The worker's own tests (phone-shell: offline from cold) and the console-error
 * sweep (no-console-errors) open contexts that allow it.
 */
export const NO_SERVICE_WORKER = { serviceWorkers: 'block' } as const;

export async function newPage(browser: Browser, baseURL: string, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, ...NO_SERVICE_WORKER });
  const page = await context.newPage();
  return { context, page };
}

/** Signs `context` in through the API (POST /api/login) and keeps the session cookie: no form to fill. */
export async function signInContext(context: BrowserContext, baseUrl: string, username: string, password: string): Promise<void> {
  const [name = '', ...value] = (await login(baseUrl, username, password)).split('=');
  await context.addCookies([{ name, value: value.join('='), url: baseUrl }]);
}

/** Logs in through the real login form. */
export async function loginThroughForm(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/username/i).fill(username);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /log in|sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
