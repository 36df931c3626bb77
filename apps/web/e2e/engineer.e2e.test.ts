import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../server/test-support/test-server';
import { actAs, alarmId, alarmRecord, raiseAlarms } from './support/alarm-seed';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');

const rowsOf = (page: Page) => page.getByTestId('alarm-row');
const rowFor = (page: Page, title: string) => rowsOf(page).filter({ hasText: title });

async function rowTitles(page: Page): Promise<string[]> {
  return (await page.getByTestId('alarm-link').allTextContents()).map((t) => t.trim());
}

async function openBoard(browser: Browser, url: string, viewport?: { width: number; height: number }) {
  const session = await newPage(browser, url, viewport);
  await loginThroughForm(session.page, 'eng', TEST_PASSWORD);
  await rowsOf(session.page).first().waitFor();
  return session;
}

/** The right edge of the widest element inside `selector` (the app shell's own nav is not ours to test). */
async function rightEdgeOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((root) => Math.max(...[root, ...root.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right)));
}

async function blur(page: Page): Promise<void> {
  await page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement) active.blur();
  });
}

describe('NOC engineer: alarm board, keyboard, bulk acknowledge, alarm page', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await raiseAlarms(t, [
      { key: 'F1', severity: 'critical', title: 'LinkDown on NTH-101', region: 'north', site: 'NTH-101', probableCause: 'LinkDown' },
      { key: 'F2', severity: 'major', title: 'PowerFail on STH-202', region: 'south', site: 'STH-202', probableCause: 'PowerProblem' },
      { key: 'F3', severity: 'minor', title: 'HighTemp on NTH-303', region: 'north', site: 'NTH-303', probableCause: 'HighTemperature' },
      { key: 'F4', severity: 'warning', title: 'FanDegraded on STH-404', region: 'south', site: 'STH-404', probableCause: 'FanFailure' },
      { key: 'K1', severity: 'major', title: 'Keyboard alpha on EST-1', region: 'east', site: 'EST-1' },
      { key: 'K2', severity: 'minor', title: 'Keyboard bravo on EST-2', region: 'east', site: 'EST-2' },
      { key: 'B1', severity: 'minor', title: 'Bulk one on WST-1', region: 'west', site: 'WST-1' },
      { key: 'B2', severity: 'minor', title: 'Bulk two on WST-2', region: 'west', site: 'WST-2' },
      { key: 'P1', severity: 'warning', title: 'Partial one on CEN-1', region: 'central', site: 'CEN-1' },
      { key: 'P2', severity: 'warning', title: 'Partial two on CEN-2', region: 'central', site: 'CEN-2' },
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('filters and search narrow the live list, sorted by severity', async () => {
    const { page, context } = await openBoard(browser, t.url);
    try {
      await expect.poll(() => rowsOf(page).count()).toBe(10);
      const severities = await rowsOf(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-severity')));
      expect(severities.slice(0, 3)).toEqual(['critical', 'major', 'major']);
      await blur(page);
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await rowsOf(page).nth(1).getByTestId('alarm-select').check();
      await page.screenshot({ path: join(SCREENSHOTS, 'alarm-board.png') });
      await rowsOf(page).nth(1).getByTestId('alarm-select').uncheck();

      await page.getByTestId('severity-filter-critical').click();
      await expect.poll(() => rowTitles(page)).toEqual(['LinkDown on NTH-101']);
      await page.getByTestId('severity-filter-major').click();
      await expect.poll(() => rowTitles(page)).toEqual(['LinkDown on NTH-101', 'PowerFail on STH-202', 'Keyboard alpha on EST-1']);
      await page.getByTestId('severity-filter-critical').click();
      await page.getByTestId('severity-filter-major').click();

      await page.getByTestId('region-filter').selectOption('north');
      await expect.poll(() => rowTitles(page)).toEqual(['LinkDown on NTH-101', 'HighTemp on NTH-303']);
      await page.getByTestId('site-filter').selectOption('NTH-303');
      await expect.poll(() => rowTitles(page)).toEqual(['HighTemp on NTH-303']);
      await page.getByRole('button', { name: 'Reset filters' }).first().click();
      await expect.poll(() => rowsOf(page).count()).toBe(10);

      await page.getByTestId('alarm-search').fill('powerproblem');
      await expect.poll(() => rowTitles(page)).toEqual(['PowerFail on STH-202']);
      await page.getByTestId('alarm-search').fill('sth');
      await expect.poll(() => rowTitles(page)).toEqual(['PowerFail on STH-202', 'FanDegraded on STH-404']);
      await page.getByTestId('ack-filter').selectOption('acknowledged');
      await page.getByTestId('alarm-no-match').waitFor();
      await page.getByTestId('ack-filter').selectOption('unacknowledged');
      await expect.poll(() => rowsOf(page).count()).toBe(2);
      await page.getByTestId('assignment-filter').selectOption('mine');
      await page.getByTestId('alarm-no-match').waitFor();
      await page.getByRole('button', { name: 'Reset filters' }).first().click();

      // A new alarm appears without a reload.
      await raiseAlarms(t, [{ key: 'N1', severity: 'critical', title: 'Live arrival on NTH-999', region: 'north', site: 'NTH-999' }]);
      await rowFor(page, 'Live arrival on NTH-999').waitFor({ timeout: 10_000 });
      expect(await rowsOf(page).first().textContent()).toContain('Critical');
    } finally {
      await context.close();
    }
    const phone = await openBoard(browser, t.url, { width: 360, height: 740 });
    try {
      await phone.page.screenshot({ path: join(SCREENSHOTS, 'alarm-board-360.png') });
      expect(await rightEdgeOf(phone.page, '[data-testid="alarm-queue"]')).toBeLessThanOrEqual(360);
    } finally {
      await phone.context.close();
    }
  });

  it('j/k move the cursor, a acknowledges, c clears, x ticks, ? shows the keys; nothing fires while typing', async () => {
    const { page, context } = await openBoard(browser, t.url);
    try {
      await page.getByTestId('region-filter').selectOption('east');
      await expect.poll(() => rowTitles(page)).toEqual(['Keyboard alpha on EST-1', 'Keyboard bravo on EST-2']);
      await blur(page);
      const alpha = rowFor(page, 'Keyboard alpha');
      const bravo = rowFor(page, 'Keyboard bravo');

      await page.keyboard.press('j');
      await expect.poll(() => alpha.getAttribute('data-current')).toBe('true');
      expect(await alpha.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('j');
      await expect.poll(() => bravo.getAttribute('data-current')).toBe('true');
      await page.keyboard.press('k');
      await expect.poll(() => alpha.getAttribute('data-current')).toBe('true');

      await page.keyboard.press('x');
      expect(await alpha.getByTestId('alarm-select').isChecked()).toBe(true);
      await page.keyboard.press('x');
      expect(await alpha.getByTestId('alarm-select').isChecked()).toBe(false);

      await page.keyboard.press('a');
      // Nothing is sent for 5 s (undo time).
      await expect.poll(() => alpha.getAttribute('data-ack-state'), { timeout: 10_000 }).toBe('acknowledged');
      expect((await alarmRecord(t, 'K1'))?.item.ackState).toBe('acknowledged');
      expect((await alarmRecord(t, 'K1'))?.item.assignee).toBe('eng');

      // Typing in the search box is typing, not shortcuts; Ctrl+C is never "clear".
      await page.keyboard.press('/');
      expect(await page.getByTestId('alarm-search').evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('ca');
      expect(await page.getByTestId('alarm-search').inputValue()).toBe('ca');
      await page.getByTestId('alarm-search').fill('');
      await alpha.focus();
      await page.keyboard.press('Control+c');
      expect((await alarmRecord(t, 'K1'))?.item.open).toBe(true);

      await page.keyboard.press('?');
      const help = page.getByTestId('keyboard-help');
      await help.waitFor({ state: 'visible' });
      expect(await help.textContent()).toContain('Acknowledge the current alarm');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });

      await blur(page);
      await alpha.focus();
      await page.keyboard.press('j');
      await expect.poll(() => bravo.getAttribute('data-current')).toBe('true');
      await page.keyboard.press('c');
      await bravo.waitFor({ state: 'detached', timeout: 10_000 });
      expect((await alarmRecord(t, 'K2'))?.item.open).toBe(false);
      // The cursor lands on the neighbour, with focus.
      await expect.poll(() => alpha.getAttribute('data-current')).toBe('true');

      await page.keyboard.press('Enter');
      await page.waitForURL(`**/alarms/${await alarmId(t, 'K1')}`);
      await page.getByTestId('alarm-detail').waitFor();
    } finally {
      await context.close();
    }
  });

  it('acknowledges 2 selected alarms in one go, and reports a partial failure clearly', async () => {
    const { page, context } = await openBoard(browser, t.url);
    try {
      await page.getByTestId('region-filter').selectOption('west');
      await expect.poll(() => rowsOf(page).count()).toBe(2);
      await rowFor(page, 'Bulk one').getByTestId('alarm-select').check();
      await rowFor(page, 'Bulk two').getByTestId('alarm-select').check();
      expect(await page.getByTestId('alarm-selected-count').textContent()).toBe('2 selected');
      await page.getByTestId('bulk-acknowledge').click();
      const report = page.getByTestId('bulk-report');
      await report.waitFor();
      expect(await report.textContent()).toContain('2 alarms acknowledged');
      await expect.poll(() => rowFor(page, 'Bulk one').getAttribute('data-ack-state')).toBe('acknowledged');
      await expect.poll(() => rowFor(page, 'Bulk two').getAttribute('data-ack-state')).toBe('acknowledged');
      expect((await alarmRecord(t, 'B1'))?.item.ackState).toBe('acknowledged');
      expect((await alarmRecord(t, 'B2'))?.item.ackState).toBe('acknowledged');
      expect(await page.getByTestId('alarm-selected-count').textContent()).toBe('0 selected');

      // Someone else acknowledges one of the ticked alarms first: that one fails, the other succeeds.
      await page.getByTestId('region-filter').selectOption('central');
      await page.getByTestId('alarm-select-all').check();
      await actAs(t, await login(t.url, 'eng2'), 'P2', 'acknowledge');
      await expect.poll(() => rowFor(page, 'Partial two').getAttribute('data-ack-state')).toBe('acknowledged');
      await page.getByTestId('bulk-acknowledge').click();
      await expect.poll(async () => (await report.textContent()) ?? '', { timeout: 10_000 }).toContain('1 of 2 acknowledged');
      expect(await report.textContent()).toContain('1 failed');
      const failure = page.getByTestId('bulk-failure');
      expect(await failure.count()).toBe(1);
      expect(await failure.textContent()).toContain('Partial two on CEN-2');
      // The failed one stays ticked for another try.
      expect(await page.getByTestId('alarm-selected-count').textContent()).toBe('1 selected');
      expect((await alarmRecord(t, 'P1'))?.item.assignee).toBe('eng');
      expect((await alarmRecord(t, 'P2'))?.item.assignee).toBe('eng2');
    } finally {
      await context.close();
    }
  });

  it('opening the console asks for the session and each queue once, the session before the app code runs', async () => {
    const { context } = await openBoard(browser, t.url);
    try {
      const second = await context.newPage();
      const requests: string[] = [];
      second.on('request', (request) => {
        const { pathname, search } = new URL(request.url());
        if (pathname.startsWith('/api/')) requests.push(`${pathname}${search}`);
      });
      await second.goto('/');
      await rowsOf(second).first().waitFor();
      const count = (path: string): number => requests.filter((r) => r === path).length;
      // index.html preloads the session check and the app reuses that answer: one request, not two,
      // and no separate GET /api/me (the check carries the person).
      expect(count('/api/auth/session')).toBe(1);
      expect(count('/api/me')).toBe(0);
      expect(count('/api/work-items?stream=alarm&state=open&limit=200')).toBe(1);
      expect(count('/api/work-items?stream=order&state=open&limit=200')).toBe(1);
      const timing = await second.evaluate(() => {
        const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const me = entries.find((e) => new URL(e.name).pathname === '/api/auth/session');
        const script = entries.find((e) => /\/assets\/index-[^/]+\.js$/.test(new URL(e.name).pathname));
        return { me: me?.startTime ?? Number.NaN, scriptEnd: script?.responseEnd ?? Number.NaN };
      });
      expect(timing.me).toBeLessThan(timing.scriptEnd);
      await second.close();
    } finally {
      await context.close();
    }
  });

  it('the alarm page shows the facts and a timeline with who acknowledged and the points, and follows live', async () => {
    const { page, context } = await openBoard(browser, t.url);
    try {
      await page.getByTestId('alarm-search').fill('keyboard alpha');
      await rowFor(page, 'Keyboard alpha').getByTestId('alarm-link').click();
      await page.waitForURL(`**/alarms/${await alarmId(t, 'K1')}`);
      const detail = page.getByTestId('alarm-detail');
      await detail.waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Keyboard alpha on EST-1');
      expect(await page.getByTestId('fact-ack').textContent()).toContain('Acknowledged by eng');

      const raised = page.locator('[data-testid="timeline-event"][data-transition="raised"]');
      expect(await raised.getByTestId('timeline-actor').textContent()).toBe('by automation');
      const acked = page.locator('[data-testid="timeline-event"][data-transition="acknowledged"]');
      expect(await acked.getByTestId('timeline-actor').textContent()).toBe('by Eve Engineer');
      expect(await acked.textContent()).toContain('via console');
      // An acknowledgement pays once work follows: a work note confirms it, and its points land with the note.
      await page.getByLabel('Work note').fill('Optics dirty on EST-1, cleaning the connector');
      await page.getByRole('button', { name: 'Add note' }).click();
      const noted = page.locator('[data-testid="timeline-event"][data-transition="commented"]');
      await noted.waitFor({ timeout: 10_000 });
      expect(await noted.getByTestId('timeline-actor').textContent()).toBe('by Eve Engineer');
      expect(await noted.textContent()).toContain('note: Optics dirty on EST-1');
      const confirmed = noted.getByTestId('timeline-points').filter({ hasText: 'confirmed by your comment' });
      await confirmed.waitFor({ timeout: 10_000 });
      expect(Number(await confirmed.getAttribute('data-points'))).toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'alarm-detail.png'), fullPage: true });

      // Cleared by someone else (through the API): the page updates itself.
      await actAs(t, await login(t.url, 'eng2'), 'K1', 'clear');
      const cleared = page.locator('[data-testid="timeline-event"][data-transition="cleared"]');
      await cleared.waitFor({ timeout: 10_000 });
      expect(await cleared.getByTestId('timeline-actor').textContent()).toBe('by Ed Engineer');
      await expect.poll(async () => (await page.getByTestId('fact-state').textContent()) ?? '').toContain('Closed');
    } finally {
      await context.close();
    }
    const phone = await newPage(browser, t.url, { width: 360, height: 740 });
    try {
      await loginThroughForm(phone.page, 'eng', TEST_PASSWORD);
      await phone.page.goto(`/alarms/${await alarmId(t, 'B1')}`);
      await phone.page.locator('[data-testid="timeline-event"][data-transition="acknowledged"]').waitFor();
      await phone.page.screenshot({ path: join(SCREENSHOTS, 'alarm-detail-360.png'), fullPage: true });
      expect(await rightEdgeOf(phone.page, '[data-testid="alarm-detail"]')).toBeLessThanOrEqual(360);
    } finally {
      await phone.context.close();
    }
  });
});
