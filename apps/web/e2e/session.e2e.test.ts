import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { seedWork, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

describe('everyone: the session and the theme', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestServer();
    await seedWork(t, 'SESS');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an expired session goes to the login page and, after signing in, back to the same page and filters', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      await page.goto('/leaderboard?scope=team&window=month');
      await page.locator('table').waitFor();

      // The server forgets every session (expiry, a restart of the session store, a logout elsewhere).
      expect(await t.server.repos.sessions.purgeExpired(Number.MAX_SAFE_INTEGER)).toBeGreaterThan(0);
      await page.getByTestId('window-tabs').getByRole('tab', { name: /day/i }).click();

      await page.waitForURL((url) => url.pathname === '/login');
      await expect.poll(() => page.getByRole('status').filter({ hasText: /session ended/i }).count()).toBe(1);
      await page.getByLabel(/username/i).fill('eng');
      await page.getByLabel(/password/i).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: /sign in|log in/i }).click();

      await page.waitForURL((url) => url.pathname === '/leaderboard');
      const back = new URL(page.url());
      expect(back.searchParams.get('scope')).toBe('team');
      expect(back.searchParams.get('window')).toBe('day');
      await page.locator('table').waitFor();
    } finally {
      await context.close();
    }
  });

  it('logging out on purpose goes to the login page without the "session ended" notice', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      await page.getByRole('button', { name: /log out/i }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByLabel(/username/i).waitFor();
      expect(await page.getByRole('status').filter({ hasText: /session ended/i }).count()).toBe(0);
      // The cookie is gone for real: the API refuses it.
      expect((await page.request.get('/api/me')).status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('dark by default; the light theme is one click away and is remembered on this device', async () => {
    const { page, context } = await newPage(browser, t.url);
    const theme = (): Promise<string | undefined> => page.evaluate(() => document.documentElement.dataset.theme);
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      expect(await theme()).toBe('dark');
      await page.getByRole('button', { name: 'Switch to light theme' }).click();
      expect(await theme()).toBe('light');
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.reload();
      await page.getByRole('button', { name: 'Switch to dark theme' }).waitFor();
      expect(await theme()).toBe('light');
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      expect(await theme()).toBe('dark');
    } finally {
      await context.close();
    }
  });
});
