import type { BrowserContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm } from './support/browser';
import { seedWork, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

/**
 * A clean browser console: for each role, the login page before signing in, the sign-in itself and
 * every page the role may open log no error or warning, throw nothing, and make no request the
 * server answers with 4xx or 5xx.
 */

const TAG = 'NCE';

type Username = 'eng' | 'tech' | 'lead' | 'admin';

/** The pages each role may open: its navigation, an alarm and (leads and admins, who get the link) a team member. */
function pagesFor(user: Username, alarm: string): string[] {
  const common = ['/', '/leaderboard', '/missions', '/profile'];
  const staff = [`/alarms/${alarm}`, '/wall'];
  if (user === 'eng') return [...common, ...staff];
  if (user === 'tech') return common;
  const leads = [...common, ...staff, '/leaderboard?scope=team', '/dashboard', '/rules', '/people/p-eng2'];
  return user === 'lead' ? leads : [...leads, '/admin'];
}

/** What a page did wrong, in words, as it happened. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()} on ${new URL(page.url()).pathname}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${new URL(page.url()).pathname}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  page.on('requestfailed', (request) => {
    // A navigation away cancels what the last page still had in flight: that is not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.method()} ${new URL(request.url()).pathname} (${request.failure()?.errorText ?? ''})`);
  });
  return problems;
}

/**
 * Opens `path` in the app and waits until it has settled: its heading shown and its requests
 * answered. The service worker's warm-up may keep the network busy a while on the first pages, so a
 * page that is still busy after 10 s gets one more second and is judged on what it did by then.
 */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => page.waitForTimeout(1_000));
}

describe('no console errors, warnings or failed requests on any page', () => {
  let t: TestServer;
  let browser: Browser;
  let alarm = '';

  beforeAll(async () => {
    t = await startTestServer();
    await seedWork(t, TAG);
    alarm = String((await t.server.repos.workItems.findByKey(`alarm:nms:${TAG}-crit`))?.id ?? '');
    expect(alarm).not.toBe('');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the login page before signing in, and a signed-out visit to the console', async () => {
    const context = await browser.newContext({ baseURL: t.url });
    try {
      const page = await context.newPage();
      const problems = watch(page);
      await visit(page, '/login');
      expect(await page.getByRole('heading', { name: 'Sign in' }).count()).toBe(1);
      await page.goto('/');
      await page.waitForURL('**/login');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const user of ['eng', 'tech', 'lead', 'admin'] as const) {
    it(`${user}: signing in and every page the role may open`, async () => {
      const context: BrowserContext = await browser.newContext({ baseURL: t.url, viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        const problems = watch(page);
        await loginThroughForm(page, user, TEST_PASSWORD);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => page.waitForTimeout(1_000));
        const visited: string[] = [];
        for (const path of pagesFor(user, alarm)) {
          await visit(page, path);
          visited.push(path);
        }
        expect(visited.length).toBeGreaterThanOrEqual(4);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
