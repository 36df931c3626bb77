import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInContext } from './support/browser';
import { seedWork, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const TAG = 'SHELL';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const API_CACHE = 'opsquest-api';

type Theme = 'dark' | 'light';

/** A signed-in browser context (cookie from the API), in the chosen theme. */
async function openAs(browser: Browser, t: TestServer, user: string, viewport: { width: number; height: number }, theme: Theme = 'dark'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: t.url, viewport, reducedMotion: 'reduce' });
  await signInContext(context, t.url, user, TEST_PASSWORD);
  await context.addInitScript((chosen) => {
    localStorage.setItem('opsquest-ui', JSON.stringify({ state: { theme: chosen }, version: 0 }));
  }, theme);
  const page = await context.newPage();
  return { context, page };
}

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('element has no box (not rendered)');
  return found;
}

/** The URLs the service worker keeps for offline, as the page sees them. */
async function keptUrls(page: Page): Promise<string[]> {
  return page.evaluate(async (name) => {
    if (!(await caches.has(name))) return [];
    return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
  }, API_CACHE);
}

describe('the app shell on a desktop and a phone, offline included (issue #18)', () => {
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

  it('keeps the admin’s ten links in one row at 1280 px', async () => {
    const { context, page } = await openAs(browser, t, 'admin', DESKTOP);
    try {
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Admin' }).waitFor();
      const links = nav.getByRole('link');
      expect(await links.count()).toBe(10);
      const tops = await links.evaluateAll((all) => all.map((a) => (a as HTMLElement).offsetTop));
      expect(new Set(tops).size).toBe(1);
      // ...and every one of them is on screen: nothing scrolled away or clipped.
      expect(await nav.evaluate((n) => n.scrollWidth - n.clientWidth)).toBeLessThanOrEqual(0);
      // The whole top bar is one row too: the tools sit beside the links, not under them.
      const bar = await box(page.locator('.topbar'));
      expect(bar.height).toBeLessThan(64);
      expect(await page.getByTestId('tab-bar').isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESKTOP.width);
      await page.screenshot({ path: join(SCREENSHOTS, 'nav-1280.png') });
    } finally {
      await context.close();
    }
  });

  it('gives a technician on a 360 px phone a bottom tab bar with every place, Profile included', async () => {
    const { context, page } = await openAs(browser, t, 'tech', PHONE, 'light');
    try {
      await page.goto('/');
      await page.getByTestId('truckroll-row').first().waitFor();
      const bar = page.getByTestId('tab-bar');
      const barBox = await box(bar);
      expect(barBox.x).toBeGreaterThanOrEqual(0);
      expect(barBox.x + barBox.width).toBeLessThanOrEqual(PHONE.width);
      expect(barBox.y + barBox.height).toBeLessThanOrEqual(PHONE.height);
      expect(barBox.y).toBeGreaterThan(PHONE.height - 80);
      const tabs = bar.getByRole('link');
      expect(await tabs.allTextContents()).toEqual(['Jobs', 'Ranks', 'Missions', 'Profile']);
      for (const tab of await tabs.all()) {
        const tabBox = await box(tab);
        expect(tabBox.x + tabBox.width).toBeLessThanOrEqual(PHONE.width);
        expect(tabBox.height).toBeGreaterThanOrEqual(44);
      }
      expect(await page.getByTestId('top-nav').isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: join(SCREENSHOTS, 'technician-360-light.png') });

      await bar.getByRole('link', { name: 'Profile' }).click();
      await page.waitForURL((url) => url.pathname === '/profile');
      // the URL changes before React marks the tab: wait for the mark, do not read it once
      await expect.poll(() => bar.getByRole('link', { name: 'Profile' }).getAttribute('aria-current')).toBe('page');
    } finally {
      await context.close();
    }
  });

  it('puts the places that do not fit under More on an admin’s phone', async () => {
    const { context, page } = await openAs(browser, t, 'admin', PHONE);
    try {
      await page.goto('/');
      const bar = page.getByTestId('tab-bar');
      const more = bar.getByRole('button', { name: 'More' });
      await more.waitFor();
      expect(await bar.getByRole('link').count()).toBe(4);
      // every tab's word is shown whole on a 360 px phone (no "Leaderbo…")
      const clipped = await bar.locator('.tabbar__label').evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent));
      expect(clipped).toEqual([]);
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      await more.click();
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      const sheet = page.getByTestId('tab-more-sheet');
      const sheetBox = await box(sheet);
      expect(sheetBox.y).toBeGreaterThanOrEqual(0);
      expect(sheetBox.x + sheetBox.width).toBeLessThanOrEqual(PHONE.width);
      await sheet.getByRole('link', { name: 'Profile' }).click();
      await page.waitForURL((url) => url.pathname === '/profile');
      // the URL changes first; React renders the new page in a transition right after
      await expect.poll(() => sheet.isVisible()).toBe(false);
      await expect.poll(() => more.getAttribute('class')).toContain('tabbar__tab--active');
    } finally {
      await context.close();
    }
  });

  it('shows the first alarm on the first screen of a 360 x 740 phone, the filters behind one control', async () => {
    const { context, page } = await openAs(browser, t, 'eng', PHONE);
    try {
      await page.goto('/');
      const firstRow = page.getByTestId('alarm-row').first();
      await firstRow.waitFor();
      const row = await box(firstRow);
      const bar = await box(page.getByTestId('tab-bar'));
      expect(row.y).toBeGreaterThanOrEqual(0);
      expect(row.y + row.height).toBeLessThanOrEqual(bar.y); // above the tab bar, no scrolling
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'alarm-board-360.png') });

      const toggle = page.getByTestId('alarm-filters-toggle');
      expect(await toggle.textContent()).toBe('Filters');
      expect(await page.getByTestId('alarm-search').isVisible()).toBe(false);
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await page.getByTestId('alarm-search').waitFor();
      await page.getByTestId('severity-filter-critical').click();
      await page.getByTestId('ack-filter').selectOption('unacknowledged');
      expect(await toggle.textContent()).toBe('Filters (2)');
      await toggle.click();
      expect(await page.getByTestId('alarm-search').isVisible()).toBe(false);
      expect(await toggle.textContent()).toBe('Filters (2)');
      await expect.poll(() => page.getByTestId('alarm-row').first().textContent()).toContain('Critical');
    } finally {
      await context.close();
    }
  });

  it('shows the alarm board in the light theme (desktop screenshot)', async () => {
    const { context, page } = await openAs(browser, t, 'eng', DESKTOP, 'light');
    try {
      await page.goto('/');
      await page.getByTestId('alarm-row').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      // Wide screens show every filter at once: no fold.
      expect(await page.getByTestId('alarm-filters-toggle').isVisible()).toBe(false);
      expect(await page.getByTestId('alarm-search').isVisible()).toBe(true);
      await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'alarm-board-light.png') });
    } finally {
      await context.close();
    }
  });

  it('says offline (and since when) the moment the browser loses the network, and live again after', async () => {
    const { context, page } = await openAs(browser, t, 'eng', DESKTOP);
    try {
      await page.goto('/');
      const live = page.getByTestId('live-status');
      await expect.poll(() => live.getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
      expect(await page.getByTestId('live-since').count()).toBe(0);
      await context.setOffline(true);
      await expect.poll(() => live.getAttribute('data-status')).toBe('offline');
      expect(await live.textContent()).toMatch(/Offline/);
      expect(await page.getByTestId('live-since').textContent()).toMatch(/^since \d{1,2}:\d{2}/);
      // It stays offline while the socket retries: never "Live" without a network.
      await page.waitForTimeout(1_500);
      expect(await live.getAttribute('data-status')).toBe('offline');
      await context.setOffline(false);
      await expect.poll(() => live.getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
      expect(await page.getByTestId('live-since').count()).toBe(0);
    } finally {
      await context.setOffline(false);
      await context.close();
    }
  });

  it('opens from cold with no network after one online visit: today’s truck-rolls with their age, actions queued', async () => {
    const { context, page } = await openAs(browser, t, 'tech', PHONE);
    try {
      // 1. One online visit: the service worker installs, takes control and keeps the reads.
      await page.goto('/');
      await page.getByTestId('truckroll-row').first().waitFor();
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
      await expect
        .poll(async () => (await keptUrls(page)).some((u) => u.startsWith('/api/work-items?') && u.includes('stream=truckroll')), { timeout: 20_000 })
        .toBe(true);
      await expect.poll(async () => (await keptUrls(page)).includes('/api/auth/session'), { timeout: 20_000 }).toBe(true);
      // Nothing of the admin's or the login's is kept on the phone.
      expect((await keptUrls(page)).filter((u) => /^\/api\/(admin|audit|auth\/login)/.test(u))).toEqual([]);
      await page.goto('about:blank');
      await page.close();

      // 2. No network; twelve minutes later the app is opened again in a new tab (cold: no page in memory).
      await context.setOffline(true);
      await context.clock.setFixedTime(Date.now() + 12 * 60_000);
      const cold = await context.newPage();
      await cold.goto('/');
      const visit = cold.getByTestId('truckroll-row').filter({ hasText: `NTH-${TAG}` });
      await visit.waitFor({ timeout: 20_000 });
      expect(await cold.getByTestId('live-status').getAttribute('data-status')).toBe('offline');
      const banner = cold.getByTestId('offline-copy');
      await expect.poll(() => banner.textContent()).toMatch(/Truck-rolls saved 1[23] min ago/);

      // 3. An action taken offline waits on the phone, shown at once.
      await visit.getByRole('button', { name: /^(Start travel|Dispatch)$/ }).click();
      await expect.poll(() => visit.getAttribute('data-status')).toBe('dispatched');
      expect(await visit.getAttribute('data-sync')).toBe('pending');
      expect(await cold.getByTestId('sync-summary').textContent()).toMatch(/1 action waiting to sync/);
      expect((await t.server.repos.workItems.findByKey(`truckroll:fsm:${TAG}-visit`))?.item.status).toBe('open');
      await cold.screenshot({ path: join(SCREENSHOTS, 'technician-offline-cold-360.png') });
    } finally {
      await context.setOffline(false);
      await context.close();
    }
  });
});
