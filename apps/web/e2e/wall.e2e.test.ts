import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../server/test-support/test-server';
import { actAs, alarmRecord, raiseAlarms } from './support/alarm-seed';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');

const countOf = async (page: Page, testId: string): Promise<number> => Number(await page.getByTestId(testId).getAttribute('data-count'));

describe('wall mode: the TV view updates live', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await raiseAlarms(t, [
      { key: 'W1', severity: 'critical', title: 'LinkDown on NTH-7', region: 'north', site: 'NTH-7' },
      { key: 'W2', severity: 'critical', title: 'LinkDown on NTH-8', region: 'north', site: 'NTH-8' },
      { key: 'W3', severity: 'major', title: 'PowerFail on STH-1', region: 'south', site: 'STH-1' },
      { key: 'W4', severity: 'minor', title: 'HighTemp on STH-2', region: 'south', site: 'STH-2' },
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows the team board and open alarms, and follows an engineer's clear without a reload", async () => {
    const wall = await newPage(browser, t.url);
    const engineer = await newPage(browser, t.url);
    try {
      await loginThroughForm(wall.page, 'lead', TEST_PASSWORD);
      await wall.page.goto('/wall');
      await wall.page.getByTestId('wall-alarms').waitFor();
      await wall.page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
      expect(await countOf(wall.page, 'wall-open-critical')).toBe(2);
      expect(await countOf(wall.page, 'wall-open-major')).toBe(1);
      expect(await countOf(wall.page, 'wall-open-total')).toBe(4);
      expect(await wall.page.getByTestId('wall-team').count()).toBe(0);
      await wall.page.evaluate(() => document.documentElement.setAttribute('data-not-reloaded', 'yes'));

      // The engineer works in another browser context, through the UI.
      await loginThroughForm(engineer.page, 'eng', TEST_PASSWORD);
      const row = engineer.page.getByTestId('alarm-row').filter({ hasText: 'LinkDown on NTH-7' });
      await row.getByRole('button', { name: 'Acknowledge' }).click();
      // Acknowledge and clear wait 5 s for an undo before anything is sent.
      await expect.poll(() => row.getAttribute('data-ack-state'), { timeout: 10_000 }).toBe('acknowledged');
      await row.getByRole('button', { name: 'Clear' }).click();
      await row.waitFor({ state: 'detached' });
      expect((await alarmRecord(t, 'W1'))?.item.open).toBe(false);

      const noc = wall.page.locator('[data-testid="wall-team"][data-id="t-noc"]');
      await noc.waitFor({ timeout: 10_000 });
      expect(Number(await noc.getAttribute('data-points'))).toBeGreaterThan(0);
      expect(await noc.textContent()).toContain('NOC Test');
      await expect.poll(() => countOf(wall.page, 'wall-open-critical'), { timeout: 10_000 }).toBe(1);
      expect(await countOf(wall.page, 'wall-open-total')).toBe(3);
      await wall.page.locator('[data-testid="wall-person"][data-id="p-eng"]').waitFor();
      await wall.page.getByTestId('wall-recent-item').first().waitFor();

      // And a clear over the API, too.
      await actAs(t, await login(t.url, 'eng2'), 'W3', 'clear');
      await expect.poll(() => countOf(wall.page, 'wall-open-major'), { timeout: 10_000 }).toBe(0);
      expect(await wall.page.evaluate(() => document.documentElement.getAttribute('data-not-reloaded'))).toBe('yes');
      await wall.page.screenshot({ path: join(SCREENSHOTS, 'wall.png') });

      // The window is switchable in the URL.
      await wall.page.getByRole('link', { name: 'This week' }).click();
      await wall.page.waitForURL('**/wall?window=week');
      await wall.page.getByRole('link', { name: 'Exit wall' }).waitFor();
    } finally {
      await wall.context.close();
      await engineer.context.close();
    }
    const phone = await newPage(browser, t.url, { width: 360, height: 740 });
    try {
      await loginThroughForm(phone.page, 'lead', TEST_PASSWORD);
      await phone.page.goto('/wall');
      await phone.page.locator('[data-testid="wall-team"][data-id="t-noc"]').waitFor();
      await phone.page.screenshot({ path: join(SCREENSHOTS, 'wall-360.png'), fullPage: true });
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
    } finally {
      await phone.context.close();
    }
  });
});
