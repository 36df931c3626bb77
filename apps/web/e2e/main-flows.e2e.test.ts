import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { seedWork, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');

async function pointsOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('my-points').getAttribute('data-points'));
}

describe('main flows in Chromium against the real server', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await seedWork(t, '0042');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an engineer acknowledges and clears an alarm and sees points, toast and leaderboard move live', async () => {
    const { page, context } = await newPage(browser, t.url);
    const watcher = await newPage(browser, t.url);
    try {
      await loginThroughForm(watcher.page, 'lead', TEST_PASSWORD);
      await watcher.page.goto('/leaderboard?scope=individual&window=day&view=top');
      await watcher.page.getByTestId('leaderboard-table').or(watcher.page.getByText(/no points|nobody|empty/i).first()).first().waitFor();

      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      const rows = page.getByTestId('alarm-row');
      await rows.first().waitFor();
      expect(await rows.first().getAttribute('data-severity')).toBe('critical');
      await page.screenshot({ path: join(SCREENSHOTS, 'engineer-console.png'), fullPage: true });
      const before = await pointsOf(page);

      const critical = rows.filter({ hasText: 'LinkDown on NTH-0042' });
      await critical.getByRole('button', { name: 'Acknowledge' }).click();
      await page.getByTestId('toast').first().waitFor();
      // Acknowledge and clear wait 5 s for an undo before anything is sent.
      await expect.poll(() => critical.getAttribute('data-ack-state'), { timeout: 10_000 }).toBe('acknowledged');
      await critical.getByRole('button', { name: 'Clear' }).click();
      await critical.waitFor({ state: 'detached' });
      await expect.poll(() => pointsOf(page), { timeout: 10_000 }).toBeGreaterThan(before);

      // The lead's leaderboard, open in another browser, shows the engineer without a reload.
      const engRow = watcher.page.locator('[data-testid="leaderboard-row"][data-id="p-eng"]');
      await engRow.waitFor({ timeout: 10_000 });
      expect(await engRow.textContent()).toContain('Eve Engineer');
      await page.screenshot({ path: join(SCREENSHOTS, 'engineer-after-clear.png'), fullPage: true });
    } finally {
      await context.close();
      await watcher.context.close();
    }
  });

  it('a technician completes a truck-roll on a 360 px phone screen', async () => {
    const { page, context } = await newPage(browser, t.url, { width: 360, height: 740 });
    try {
      await loginThroughForm(page, 'tech', TEST_PASSWORD);
      const visit = page.getByTestId('truckroll-row').filter({ hasText: 'NTH-0042' });
      await visit.waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'technician-phone.png'), fullPage: true });
      // Visits first: on a phone the field scorecard stands in for the profile strip, and the first
      // visit's buttons are on the first screen, no scrolling.
      expect(await page.getByTestId('field-header').isVisible()).toBe(true);
      expect(await page.getByTestId('my-points').isVisible()).toBe(false);
      const firstButton = await visit.getByRole('button', { name: 'Start travel', exact: true }).boundingBox();
      expect((firstButton?.y ?? Infinity) + (firstButton?.height ?? 0)).toBeLessThanOrEqual(740);
      const before = await pointsOf(page);
      await visit.getByRole('button', { name: 'Start travel', exact: true }).click();
      await expect.poll(() => visit.getAttribute('data-status')).toBe('dispatched');
      await visit.getByRole('button', { name: 'Arrived on site', exact: true }).click();
      await expect.poll(() => visit.getAttribute('data-status')).toBe('onSite');
      await visit.getByRole('button', { name: 'Complete…', exact: true }).click();
      await visit.getByLabel(/first-time fix/i).check();
      await visit.getByRole('button', { name: 'Confirm complete', exact: true }).click();
      await expect.poll(() => pointsOf(page), { timeout: 10_000 }).toBeGreaterThan(before);
      const record = await t.server.repos.workItems.findByKey('truckroll:fsm:0042-visit');
      expect(record?.item.status).toBe('completed');
      expect(record?.item.firstTimeFix).toBe(true);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
    } finally {
      await context.close();
    }
  });

  it('a lead sees the team leaderboard', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      await page.goto('/leaderboard?scope=team&window=week');
      const table = page.getByTestId('leaderboard-table');
      await table.waitFor();
      await expect.poll(async () => (await table.textContent()) ?? '').toContain('NOC Test');
      expect(await table.textContent()).toContain('Field Test');
      await page.screenshot({ path: join(SCREENSHOTS, 'lead-team-leaderboard.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
