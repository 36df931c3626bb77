import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../../server/test-support/test-server';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WORK_ORDER = 'WO-JOB-360';
const ITEM_KEY = `truckroll:workorder:${WORK_ORDER}`;
const NO_COORDS = 'WO-JOB-NOCOORDS';
const minutesFromNow = (m: number): string => new Date(Date.now() + m * 60_000).toISOString();

const JOB = {
  address: { line: '12 Harbour Road, flat 3', city: 'Leeds', postcode: 'LS1 4AP', country: 'United Kingdom' },
  location: { lat: 53.7997, lon: -1.5492 },
  contact: { name: 'Rita Sousa', phone: '+44 7700 900123' },
  accessNotes: 'Key safe left of the front door, code 4411. Ring before entering.',
  checklist: [
    { id: 'power', label: 'Check power and the ONT lights' },
    { id: 'light', label: 'Measure light level at the ONT (dBm)' },
    { id: 'swap', label: 'Swap the ONT and register its serial' },
  ],
};

async function sendWorkOrders(t: TestServer, body: unknown): Promise<void> {
  const res = await fetch(`${t.url}/api/integrations/workorder`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`work orders refused: ${res.status} ${await res.text()}`);
}

/** axe-core's WCAG 2.1 AA findings inside the card. */
async function cardViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Element, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const card = document.querySelector('[data-testid="truckroll-row"]');
    if (!card) return ['no card'];
    const result = await axe.run(card, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Scrolls the card to just under the sticky top bar, as the technician sees it. */
async function showCard(page: Page, card: Locator): Promise<void> {
  await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -((document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0) + 8)));
}

describe('the technician’s job card on a 360 px phone', () => {
  let t: TestServer;
  let browser: Browser;

  const serverChecklist = async (): Promise<Record<string, boolean>> =>
    Object.fromEntries(((await t.server.repos.workItems.findByKey(ITEM_KEY))?.item.checklist ?? []).map((c) => [c.id, c.done]));

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await sendWorkOrders(t, [
      {
        workOrderId: WORK_ORDER,
        state: 'open',
        occurredAt: minutesFromNow(-30),
        technician: 'tech',
        title: 'Replace faulty ONT',
        site: 'NTH-0042',
        region: 'north',
        customer: 'ACME Ltd',
        priority: 1,
        appointment: { start: minutesFromNow(20), end: minutesFromNow(140) },
        ...JOB,
      },
      {
        workOrderId: NO_COORDS,
        state: 'open',
        occurredAt: minutesFromNow(-30),
        technician: 'tech',
        title: 'Customer premises survey',
        appointment: { start: minutesFromNow(240), end: minutesFromNow(360) },
        address: { line: '3 Mill Lane', city: 'Bristol' },
      },
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows address, map links, a tel: link, access notes and the checklist; the next action comes first; ticks persist', async () => {
    const { page, context } = await newPage(browser, t.url, { width: 360, height: 740 });
    try {
      await loginThroughForm(page, 'tech', TEST_PASSWORD);
      let card: Locator = page.getByTestId('truckroll-row').filter({ hasText: 'Replace faulty ONT' });
      await card.waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // The next action is the card's first button.
      expect(await card.getByRole('button').first().textContent()).toBe('Start travel');

      const address = card.getByTestId('job-address');
      expect(await address.textContent()).toContain('12 Harbour Road, flat 3');
      expect(await address.textContent()).toContain('LS1 4AP Leeds');
      expect(await card.getByTestId('job-geo-link').getAttribute('href')).toBe('geo:53.7997,-1.5492');
      const map = card.getByTestId('job-map-link');
      expect(await map.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=53.7997&mlon=-1.5492#map=17/53.7997/-1.5492');
      expect(await map.getAttribute('target')).toBe('_blank');
      const tel = card.getByRole('link', { name: /call rita sousa/i });
      expect(await tel.getAttribute('href')).toBe('tel:+447700900123');
      expect(await card.getByTestId('job-access-notes').textContent()).toContain('code 4411');
      const items = card.getByTestId('job-checklist-item');
      expect(await items.count()).toBe(3);
      expect(await card.getByTestId('job-checklist-count').textContent()).toBe('0 of 3 done');

      // Without coordinates: an OpenStreetMap search for the address, and no geo: link.
      const survey = page.getByTestId('truckroll-row').filter({ hasText: 'Customer premises survey' });
      expect(await survey.getByTestId('job-map-link').getAttribute('href')).toBe('https://www.openstreetmap.org/search?query=3%20Mill%20Lane%2C%20Bristol');
      expect(await survey.getByTestId('job-geo-link').count()).toBe(0);

      // Every touch target is big enough for a thumb.
      for (const target of await card.locator('button, a, label.checkbox').all()) {
        expect((await target.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
      }
      expect(await cardViolations(page)).toEqual([]);
      await showCard(page, card);
      await page.screenshot({ path: join(SCREENSHOTS, 'technician-job-360.png') });

      // Ticking online: straight to the server, and still ticked after a reload.
      await card.getByLabel('Measure light level at the ONT (dBm)').check();
      await expect.poll(serverChecklist).toEqual({ power: false, light: true, swap: false });
      await expect.poll(() => card.getAttribute('data-sync')).toBe('synced');
      await page.reload();
      card = page.getByTestId('truckroll-row').filter({ hasText: 'Replace faulty ONT' });
      await card.waitFor();
      expect(await card.getByLabel('Measure light level at the ONT (dBm)').isChecked()).toBe(true);
      expect(await card.getByTestId('job-checklist-count').textContent()).toBe('1 of 3 done');

      // Ticking offline: kept in the outbox, shown at once, sent when the network is back.
      await context.setOffline(true);
      await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-online')).toBe('false');
      await card.getByLabel('Check power and the ONT lights').check();
      const power = card.getByTestId('job-checklist-item').filter({ hasText: 'Check power' });
      expect(await power.getAttribute('data-sync')).toBe('pending');
      expect(await power.getAttribute('data-done')).toBe('true');
      const outbox = await page.evaluate(() => localStorage.getItem('opsquest-outbox') ?? '');
      expect(outbox).toContain('"action":"tickChecklist"');
      await page.waitForTimeout(300);
      expect((await serverChecklist()).power).toBe(false);
      await context.setOffline(false);
      await expect.poll(serverChecklist, { timeout: 15_000 }).toEqual({ power: true, light: true, swap: false });
      await expect.poll(() => power.getAttribute('data-sync')).toBe('synced');
      // Ticks never moved the visit on.
      expect((await t.server.repos.workItems.findByKey(ITEM_KEY))?.item.status).toBe('open');

      // The next action follows the lifecycle, always first; completing opens the finish form, never closes the visit by accident.
      await card.getByRole('button').first().click();
      await expect.poll(() => card.getByRole('button').first().textContent()).toBe('Arrived on site');
      await card.getByRole('button').first().click();
      await expect.poll(() => card.getByRole('button').first().textContent()).toBe('Complete…');
      await expect.poll(async () => (await t.server.repos.workItems.findByKey(ITEM_KEY))?.item.status).toBe('onSite');
      const complete = card.getByRole('button').first();
      expect(await complete.getAttribute('aria-expanded')).toBe('false');
      await complete.click();
      expect(await complete.getAttribute('aria-expanded')).toBe('true');
      await card.getByRole('button', { name: 'Confirm complete' }).waitFor();
      expect((await t.server.repos.workItems.findByKey(ITEM_KEY))?.item.status).toBe('onSite');

      // The light theme, as a technician in the sun would pick it.
      await page.evaluate(() => localStorage.setItem('opsquest-ui', JSON.stringify({ state: { theme: 'light' }, version: 0 })));
      await page.reload();
      card = page.getByTestId('truckroll-row').filter({ hasText: 'Replace faulty ONT' });
      await card.waitFor();
      await page.getByTestId('field-header').waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme ?? document.documentElement.className)).toContain('light');
      expect(await cardViolations(page)).toEqual([]);
      await showCard(page, card);
      await page.screenshot({ path: join(SCREENSHOTS, 'technician-job-360-light.png') });
    } finally {
      await context.close();
    }
  });

  it('leads with the next action on a desktop too (screenshot)', async () => {
    const { page, context } = await newPage(browser, t.url, { width: 1280, height: 800 });
    try {
      await loginThroughForm(page, 'tech', TEST_PASSWORD);
      const card = page.getByTestId('truckroll-row').filter({ hasText: 'Customer premises survey' });
      await card.waitFor();
      expect(await card.getByRole('button').first().textContent()).toBe('Start travel');
      await page.screenshot({ path: join(SCREENSHOTS, 'technician-job-1280.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
