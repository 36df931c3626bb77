import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { postEvents, seedWork, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const TAG = '0777';

describe('profile page after some work', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await seedWork(t, TAG);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows level, streak, earned and locked badges, the 30-day chart and the history with reasons (reversals negative)', async () => {
    const { page, context } = await newPage(browser, t.url, { width: 1280, height: 800 });
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      // Some work: acknowledge and clear the critical alarm, then it flaps (raised again): the clear is reversed.
      const critical = page.getByTestId('alarm-row').filter({ hasText: `LinkDown on NTH-${TAG}` });
      await critical.getByRole('button', { name: 'Acknowledge' }).click();
      // Acknowledge and clear wait 5 s for an undo before anything is sent.
      await expect.poll(() => critical.getAttribute('data-ack-state'), { timeout: 10_000 }).toBe('acknowledged');
      await critical.getByRole('button', { name: 'Clear' }).click();
      await critical.waitFor({ state: 'detached' });
      await expect.poll(async () => (await t.server.repos.workItems.findByKey(`alarm:nms:${TAG}-crit`))?.item.open).toBe(false);
      const flap = await postEvents(t.url, [
        {
          source: 'nms',
          stream: 'alarm',
          externalKey: `${TAG}-crit`,
          transition: 'raised',
          occurredAt: new Date().toISOString(),
          attributes: { perceivedSeverity: 'critical', title: `LinkDown on NTH-${TAG}`, alarmedObject: `NTH-${TAG}/xe-0/0/1` },
        },
      ]);
      expect(flap.status).toBe(201);

      await page.getByRole('link', { name: 'Profile' }).click();
      await page.getByRole('heading', { name: 'My profile' }).waitFor();

      const level = page.getByTestId('profile-level');
      await level.waitFor();
      expect(await level.textContent()).toMatch(/Level \d+ · \w+/);
      expect(await page.getByTestId('profile-xp').textContent()).toMatch(/\d+ \/ \d+ XP/);
      expect(await level.getByRole('progressbar').count()).toBe(1);

      const streak = page.getByTestId('profile-streak');
      // the work starts a streak on a working day (Monday to Friday by default, the test server runs in UTC); a day off neither starts nor breaks one
      const isoWeekday = ((new Date().getUTCDay() + 6) % 7) + 1;
      expect(await streak.textContent()).toMatch(isoWeekday <= 5 ? /Current.*1 day/ : /Current.*0 days/);
      expect(await streak.textContent()).toMatch(/Best/);
      expect(await streak.getByTestId('streak-note').textContent()).toMatch(/safe today|at risk|broke|no streak/i);

      const earned = page.locator('[data-testid="cabinet-badge"][data-earned="true"]');
      const locked = page.locator('[data-testid="cabinet-badge"][data-earned="false"]');
      await expect.poll(() => earned.count()).toBeGreaterThan(0);
      expect(await earned.first().textContent()).toMatch(/Earned [A-Z][a-z]{2}/);
      expect(await locked.count()).toBeGreaterThan(0);
      expect(await locked.first().getByRole('progressbar').count()).toBe(1);

      const history = page.getByTestId('history-entry');
      await expect.poll(() => history.count()).toBeGreaterThanOrEqual(3);
      const reversal = page.locator('[data-testid="history-entry"][data-reversal="true"]');
      await reversal.first().waitFor({ timeout: 10_000 });
      expect(Number(await reversal.first().getAttribute('data-points'))).toBeLessThan(0);
      expect(await reversal.first().textContent()).toMatch(/−\d+.*Reversed: LinkDown on NTH-/);
      const texts = await history.allTextContents();
      expect(texts.some((text) => /^\+\d+/.test(text) && text.includes(`NTH-${TAG}`))).toBe(true);

      const chart = page.getByTestId('points-chart');
      await chart.waitFor();
      expect(await chart.locator('rect').count()).toBe(30);
      expect(await chart.getByRole('img').getAttribute('aria-label')).toMatch(/points in the last 30 days/);
      // Out of the way of the screenshots: the reward toasts of the work above.
      const closeButtons = page.locator('.toast__close');
      for (let i = 0; i < 10 && (await closeButtons.count()) > 0; i += 1) await closeButtons.first().click({ timeout: 2_000 }).catch(() => undefined);
      await page.screenshot({ path: join(SCREENSHOTS, 'profile.png'), fullPage: true });

      // The history reads across the page, not in one narrow column: points, reason, rule and time on one line.
      const widths = await page.evaluate(() => ({
        main: document.querySelector('.profile-page')?.getBoundingClientRect().width ?? 0,
        history: document.querySelector('[data-testid="profile-history"]')?.getBoundingClientRect().width ?? 0,
      }));
      expect(widths.history).toBeGreaterThan(widths.main * 0.95);
      const entry = await history.first().evaluate((li) => ['.history__points', '.history__reason', '.history__rule', '.history__when'].map((s) => li.querySelector(s)?.getBoundingClientRect().top ?? -1));
      expect(Math.max(...entry) - Math.min(...entry)).toBeLessThan(12);
      // An engineer's skill tracks are alarms and orders: no field work they never did.
      const tracks = page.getByTestId('skill-track');
      expect(await tracks.evaluateAll((els) => els.map((el) => el.getAttribute('data-track')))).toEqual(['alarm', 'order']);

      await page.getByRole('button', { name: /switch to light theme/i }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      await page.screenshot({ path: join(SCREENSHOTS, 'profile-light.png'), fullPage: true });
      await page.getByRole('button', { name: /switch to dark theme/i }).click();

      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByTestId('profile-history').waitFor();
      // Nothing of the page overflows a 360 px screen (the shell's navigation is measured by its own tests).
      const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('#main *')].map((el) => el.getBoundingClientRect().right)));
      expect(widest).toBeLessThanOrEqual(360);
      await page.screenshot({ path: join(SCREENSHOTS, 'profile-360.png'), fullPage: true });

      // Keyboard: the history list is reachable and scrollable without a mouse.
      await page.getByRole('list', { name: 'Points entries, newest first' }).focus();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Points entries, newest first');
    } finally {
      await context.close();
    }
  });
});
