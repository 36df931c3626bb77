import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { postEvents, seedWork, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const TAG = '0360';
const ITEM_KEY = `truckroll:fsm:${TAG}-visit`;
const OTHER_KEY = `truckroll:fsm:${TAG}-later-visit`;
const OUTBOX_KEY = 'opsquest-outbox';

interface StoredOutbox {
  state: { entries: { idempotencyKey: string; itemId: number; body: { action: string; occurredAt: string }; lastError?: string }[] };
}

async function storedOutbox(page: Page): Promise<StoredOutbox['state']['entries']> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), OUTBOX_KEY);
  return raw === null ? [] : (JSON.parse(raw) as StoredOutbox).state.entries;
}

const minutesAhead = (m: number): string => new Date(Date.now() + m * 60_000).toISOString();

describe('field technician on a 360 px phone, with a poor network', () => {
  let t: TestServer;
  let browser: Browser;

  const statusOf = async (key: string): Promise<string | undefined> => (await t.server.repos.workItems.findByKey(key))?.item.status;
  const eventsFor = async (key: string, transition: string): Promise<number> =>
    (await t.server.repos.events.listForItem(key)).filter((e) => e.event.transition === transition && e.via === 'console').length;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await seedWork(t, TAG);
    const res = await postEvents(t.url, [
      {
        source: 'fsm',
        stream: 'truckroll',
        externalKey: `${TAG}-later-visit`,
        transition: 'open',
        occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        attributes: {
          technician: 'tech',
          title: `Check drop cable at STH-${TAG}`,
          site: `STH-${TAG}`,
          customer: 'Jamie Customer',
          priority: 3,
          appointmentStart: minutesAhead(180),
          appointmentEnd: minutesAhead(240),
        },
      },
    ]);
    expect(res.status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows today’s visits by appointment with a compact scorecard (desktop screenshot)', async () => {
    const { page, context } = await newPage(browser, t.url, { width: 1280, height: 800 });
    try {
      await loginThroughForm(page, 'tech', TEST_PASSWORD);
      const rows = page.getByTestId('truckroll-row');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.nth(0).textContent()).toContain(`NTH-${TAG}`);
      expect(await rows.nth(1).textContent()).toContain(`STH-${TAG}`);
      await page.getByTestId('closest-badge').waitFor();
      expect(await page.getByTestId('sync-summary').textContent()).toBe('All synced');
      await page.screenshot({ path: join(SCREENSHOTS, 'technician.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('completes a truck-roll with actions taken offline, synced exactly once', async () => {
    const opened = await newPage(browser, t.url, { width: 360, height: 740 });
    const { context } = opened;
    let { page } = opened;
    try {
      await loginThroughForm(page, 'tech', TEST_PASSWORD);
      let visit = page.getByTestId('truckroll-row').filter({ hasText: `NTH-${TAG}` });
      let later = page.getByTestId('truckroll-row').filter({ hasText: `STH-${TAG}` });
      let summary = page.getByTestId('sync-summary');
      await visit.waitFor();
      await page.getByTestId('field-header').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // Touch targets: every action button is at least 48 px high.
      for (const button of await visit.getByRole('button').all()) {
        expect((await button.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
      }
      await page.screenshot({ path: join(SCREENSHOTS, 'technician-360.png'), fullPage: true });

      // 1. Online: one tap, straight to the server.
      await visit.getByRole('button', { name: 'Start travel', exact: true }).click();
      await expect.poll(() => statusOf(ITEM_KEY)).toBe('dispatched');
      await expect.poll(() => visit.getAttribute('data-sync')).toBe('synced');
      expect(await eventsFor(ITEM_KEY, 'dispatched')).toBe(1);

      // 2. Offline: the tap is kept on the phone and shown optimistically.
      await context.setOffline(true);
      await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-online')).toBe('false');
      await visit.getByRole('button', { name: 'Arrived on site', exact: true }).click();
      await expect.poll(() => visit.getAttribute('data-status')).toBe('onSite');
      expect(await visit.getByTestId('sync-pending').textContent()).toMatch(/waiting to sync/i);
      expect(await summary.textContent()).toBe('1 action waiting to sync');
      await page.waitForTimeout(300);
      expect(await statusOf(ITEM_KEY)).toBe('dispatched');
      expect(await eventsFor(ITEM_KEY, 'onSite')).toBe(0);
      const [queued] = await storedOutbox(page);
      expect(queued?.body.action).toBe('onSite');
      const onSiteKey = queued?.idempotencyKey ?? '';
      expect(onSiteKey).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
      await page.screenshot({ path: join(SCREENSHOTS, 'technician-offline-360.png'), fullPage: true });

      // 3. The app is closed while offline (the phone kills the tab) and opened again before the network is back
      // for actions: the queued tap is still there, from localStorage, and is not sent. (A plain page.reload() while
      // offline cannot load the page without a service worker, and Chromium lifts the offline emulation while it
      // tears the old page down, so the test restarts the app in a new tab of the same browser profile instead.)
      await context.route('**/api/work-items/*/actions', (route) => route.abort('internetdisconnected'));
      // Chromium may let a request of the closing tab slip past the route: without the session cookie it is
      // refused (401) before anything is stored, and the app keeps the entry; the new tab gets the cookie back.
      const cookies = await context.cookies();
      await context.clearCookies();
      // Unload the app while still offline, so nothing of it runs while Chromium tears the tab down.
      await page.goto('about:blank');
      await page.close();
      await context.addCookies(cookies);
      await context.setOffline(false);
      page = await context.newPage();
      visit = page.getByTestId('truckroll-row').filter({ hasText: `NTH-${TAG}` });
      later = page.getByTestId('truckroll-row').filter({ hasText: `STH-${TAG}` });
      summary = page.getByTestId('sync-summary');
      await page.goto('/');
      await visit.waitFor();
      await expect.poll(() => visit.getAttribute('data-status')).toBe('onSite');
      expect(await visit.getAttribute('data-sync')).toBe('pending');
      expect(await summary.textContent()).toBe('1 action waiting to sync');
      await expect.poll(async () => (await storedOutbox(page))[0]?.lastError ?? '').not.toBe(''); // the start-up drain tried and kept it
      expect((await storedOutbox(page)).map((e) => e.idempotencyKey)).toEqual([onSiteKey]);
      expect(await statusOf(ITEM_KEY)).toBe('dispatched');
      expect(await eventsFor(ITEM_KEY, 'onSite')).toBe(0);
      await context.unroute('**/api/work-items/*/actions');

      // 4. The server stores the action but the answer is lost: the retry resends the same key, answered as a duplicate.
      const sentKeys: string[] = [];
      let answersLost = 0;
      await page.route('**/api/work-items/*/actions', async (route) => {
        sentKeys.push((await route.request().headerValue('idempotency-key')) ?? '');
        if (answersLost === 0) {
          answersLost += 1;
          await route.fetch();
          await route.abort('connectionreset');
          return;
        }
        await route.continue();
      });
      await page.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => statusOf(ITEM_KEY)).toBe('onSite');
      expect(await eventsFor(ITEM_KEY, 'onSite')).toBe(1);
      await expect.poll(() => answersLost).toBe(1);
      if ((await visit.getAttribute('data-sync')) === 'pending') await page.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => visit.getAttribute('data-sync')).toBe('synced');
      await expect.poll(() => summary.textContent()).toBe('All synced');
      expect(sentKeys).toEqual([onSiteKey, onSiteKey]);
      expect(await eventsFor(ITEM_KEY, 'onSite')).toBe(1);
      await page.unroute('**/api/work-items/*/actions');

      // 5. Offline again: complete this visit (first-time fix, notes) and dispatch the later one, which dispatch cancels meanwhile.
      await context.setOffline(true);
      await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-online')).toBe('false');
      await visit.getByRole('button', { name: 'Complete…', exact: true }).click();
      await visit.getByLabel(/first-time fix/i).check();
      await visit.getByLabel('Notes').fill('Swapped the ONT, light levels OK');
      await visit.getByRole('button', { name: 'Confirm complete', exact: true }).click();
      await later.getByRole('button', { name: 'Start travel', exact: true }).click();
      await expect.poll(() => visit.getAttribute('data-status')).toBe('completed');
      expect(await later.getAttribute('data-status')).toBe('dispatched');
      expect(await summary.textContent()).toBe('2 actions waiting to sync');
      const tapped = (await storedOutbox(page)).map((e) => e.body);
      expect(tapped.map((b) => b.action)).toEqual(['complete', 'dispatch']);
      const cancel = await postEvents(t.url, [
        { source: 'fsm', stream: 'truckroll', externalKey: `${TAG}-later-visit`, transition: 'cancelled', occurredAt: new Date().toISOString(), attributes: {} },
      ]);
      expect(cancel.status).toBe(201);
      await page.waitForTimeout(300);
      expect(await statusOf(ITEM_KEY)).toBe('onSite');
      expect(await eventsFor(ITEM_KEY, 'completed')).toBe(0);

      // 6. Back online: sent in order; the completion lands once, the refused dispatch is shown with its reason and dropped.
      await context.setOffline(false);
      await expect.poll(() => statusOf(ITEM_KEY), { timeout: 15_000 }).toBe('completed');
      const record = await t.server.repos.workItems.findByKey(ITEM_KEY);
      expect(record?.item.firstTimeFix).toBe(true);
      expect(record?.item.notes).toBe('Swapped the ONT, light levels OK');
      expect(await eventsFor(ITEM_KEY, 'completed')).toBe(1);
      const completedEvent = (await t.server.repos.events.listForItem(ITEM_KEY)).find((e) => e.event.transition === 'completed');
      expect(completedEvent?.event.occurredAt).toBe(tapped[0]?.occurredAt); // when it was tapped, not when it synced
      const failure = page.getByTestId('outbox-failure');
      await failure.waitFor({ timeout: 15_000 });
      expect(await failure.getAttribute('data-status')).toBe('409');
      expect(await failure.textContent()).toContain(`Check drop cable at STH-${TAG}`);
      await expect.poll(() => summary.textContent()).toBe('All synced');
      expect(await storedOutbox(page)).toEqual([]);
      expect(await statusOf(OTHER_KEY)).toBe('cancelled');
      expect(await eventsFor(OTHER_KEY, 'dispatched')).toBe(0);
      await visit.waitFor({ state: 'detached' });
      await failure.getByRole('button', { name: /dismiss/i }).click();
      await failure.waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });
});
