import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { postEvents, seedWork, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const PHONE = { width: 360, height: 740 };
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/** Alarms raised, acknowledged and cleared over the past days by several people, so the charts have data. */
async function seedHistory(t: TestServer): Promise<void> {
  const now = Date.now();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const actors = ['eng', 'eng2', 'eng', 'lead', 'tech', 'eng2'] as const;
  const events: unknown[] = [];
  for (let d = 0; d < 10; d++) {
    for (let k = 0; k < 1 + (d % 3); k++) {
      const actor = actors[(d + k) % actors.length] ?? 'eng';
      const raisedAt = now - d * DAY_MS - (3 + k) * 60 * MIN_MS - (d === 0 ? 0 : 2 * 60 * MIN_MS);
      const key = `H-${d}-${k}`;
      events.push(
        { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: iso(raisedAt), attributes: { perceivedSeverity: k === 0 ? 'major' : 'minor', title: `History alarm ${key}` } },
        { source: 'nms', stream: 'alarm', externalKey: key, transition: 'acknowledged', actor, occurredAt: iso(raisedAt + (2 + d) * MIN_MS) },
        { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', actor, occurredAt: iso(raisedAt + (20 + 7 * d) * MIN_MS) },
      );
    }
  }
  const res = await postEvents(t.url, events);
  if (res.status !== 201) throw new Error(`seeding history failed: ${res.status} ${await res.text()}`);
}

/** A downloaded CSV as rows of cells (no quoted fields expected in these tables). */
async function downloadedCsv(page: Page, button: string): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const path = await download.path();
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  expect(text.endsWith('\r\n')).toBe(true);
  return { name: download.suggestedFilename(), rows: text.trimEnd().split('\r\n').map((line) => line.split(',')) };
}

/** How wide the page's own content is (the shared top bar is not part of these pages). */
async function mainWidth(page: Page): Promise<number> {
  return page.evaluate(() => {
    const main = document.getElementById('main');
    return main ? main.getBoundingClientRect().left + main.scrollWidth : Number.POSITIVE_INFINITY;
  });
}

async function tableRows(page: Page, rowSelector: string): Promise<string[][]> {
  return page.locator(rowSelector).evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())));
}

describe('team lead: dashboard, leaderboards, person view, CSV', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await seedWork(t, '0300');
    await seedHistory(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the lead opens the dashboard: charts render, the period changes URL and data, recharts loads only there', async () => {
    const { page, context } = await newPage(browser, t.url);
    const scripts: string[] = [];
    const cspErrors: string[] = [];
    page.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.push(req.url());
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /content security policy/i.test(msg.text())) cspErrors.push(msg.text());
    });
    try {
      // A lead lands on the dashboard; the console (another route) loads without the chart library.
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      await page.waitForURL(/\/dashboard$/);
      // The dashboard's own chunks load after the URL changes (slower while the service worker precaches).
      await page.getByTestId('dashboard-day-table').waitFor();
      scripts.length = 0;
      await page.goto('/console');
      await page.getByRole('link', { name: 'Dashboard' }).waitFor();
      const before = [...scripts];
      for (const url of before) expect(await (await fetch(url)).text()).not.toContain('recharts-wrapper');

      // Client-side navigation: the dashboard's chunk (with recharts) is fetched now, not before.
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.waitForURL(/\/dashboard/);
      await page.getByTestId('dashboard-day-table').waitFor();
      const loaded = scripts.filter((url) => !before.includes(url));
      expect(loaded.length).toBeGreaterThan(0);
      const chunkTexts = await Promise.all(loaded.map(async (url) => (await fetch(url)).text()));
      expect(chunkTexts.some((text) => text.includes('recharts-wrapper'))).toBe(true);

      // Charts: a heading each and an SVG.
      for (const heading of ['MTTA and MTTR per day', 'SLA attainment per day', 'Backlog by stream (whole network, now)', 'Scored actions per shift', /^Points per person/]) {
        await page.getByRole('heading', { name: heading }).waitFor();
      }
      await expect.poll(() => page.locator('.chart__canvas svg.recharts-surface').count()).toBeGreaterThanOrEqual(5);
      expect(await page.getByTestId('dashboard-scope').textContent()).toContain('NOC Test');
      expect(await page.getByTestId('dashboard-day-row').count()).toBe(14);
      expect(Number(await page.getByTestId('kpi-closed').locator('dd').textContent())).toBeGreaterThan(0);

      // Each chart's data table is there for screen readers, and shown on request.
      const sla = page.getByTestId('chart-sla');
      await sla.getByRole('button', { name: 'Show table' }).click();
      await expect.poll(() => sla.locator('table tbody tr').count()).toBe(14);
      await sla.getByRole('button', { name: 'Hide table' }).click();

      await page.getByTestId('period-tabs').getByRole('tab', { name: '7 days' }).click();
      await page.waitForURL(/days=7/);
      await expect.poll(() => page.getByTestId('dashboard-day-row').count()).toBe(7);
      await page.getByTestId('period-tabs').getByRole('tab', { name: '7 days' }).press('ArrowRight');
      await page.waitForURL(/days=14/);
      await page.getByTestId('period-tabs').getByRole('tab', { name: '30 days' }).click();
      await page.waitForURL(/days=30/);
      await expect.poll(() => page.getByTestId('dashboard-day-row').count()).toBe(30);

      // CSV of the per-day table matches what is on screen.
      const csv = await downloadedCsv(page, 'dashboard-csv');
      expect(csv.name).toMatch(/^dashboard-noc-test-30-days-\d{4}-\d{2}-\d{2}\.csv$/);
      const shown = await tableRows(page, '[data-testid="dashboard-day-row"]');
      expect(csv.rows[0]).toEqual(['Day', 'Opened (network)', 'Closed', 'MTTA (min)', 'MTTR (min)', 'SLA attainment (%)', 'Points', 'Active people']);
      // The same figures; on screen the times read as durations ("1 h 5 min"), in the CSV as minutes.
      const withoutTimes = (row: string[]): string[] => [...row.slice(0, 3), ...row.slice(5)];
      expect(csv.rows.slice(1).map(withoutTimes)).toEqual(shown.map((row) => withoutTimes(row).map((cell) => (cell === '—' ? '' : cell))));
      for (const [i, row] of shown.entries()) {
        for (const col of [3, 4]) {
          const minutes = csv.rows[i + 1]?.[col] ?? '';
          expect(row[col]).toMatch(minutes === '' ? /^—$/ : /^(\d+ d( \d+ h)?|\d+ h( \d+ min)?|\d+ min|\d+ s)$/);
        }
      }
      expect(csv.rows.slice(1).some((row) => Number(row[6]) > 0)).toBe(true);

      // The URL keeps the period: a reload shows the same view.
      await page.reload();
      await expect.poll(() => page.getByTestId('dashboard-day-row').count()).toBe(30);
      await page.getByTestId('period-tabs').getByRole('tab', { name: '14 days' }).click();
      await expect.poll(() => page.getByTestId('dashboard-day-row').count()).toBe(14);
      // docs/screenshots/dashboard.png is taken by lead-console.e2e.test.ts (seven people, a fresh mission).
      expect(cspErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an admin picks a team from the list, kept in the URL', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'admin', TEST_PASSWORD);
      await page.goto('/dashboard?days=7');
      await page.getByTestId('dashboard-day-table').waitFor();
      expect(await page.getByTestId('dashboard-scope').textContent()).toContain('All teams');
      await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Field Test' });
      await page.waitForURL(/team=t-field/);
      await expect.poll(async () => (await page.getByTestId('dashboard-scope').textContent()) ?? '').toContain('Field Test');
      expect(page.url()).toContain('days=7');
    } finally {
      await context.close();
    }
  });

  it('the dashboard fits a 360 px phone', async () => {
    const { page, context } = await newPage(browser, t.url, PHONE);
    try {
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      await page.goto('/dashboard?days=14');
      await page.getByTestId('dashboard-day-table').waitFor();
      await expect.poll(() => page.locator('.chart__canvas svg.recharts-surface').count()).toBeGreaterThanOrEqual(5);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-360.png'), fullPage: true });
      expect(await mainWidth(page)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await context.close();
    }
  });

  it('leaderboard: around me shows my neighbours; team members link to their page; CSV matches', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      // "Around me" is the default view: open the top list.
      await page.goto('/leaderboard?scope=individual&window=all&view=top');
      const table = page.getByTestId('leaderboard-table');
      await table.waitFor();
      await expect.poll(() => page.getByTestId('leaderboard-row').count()).toBeGreaterThanOrEqual(4);

      // Names link only where the lead may look: own team (and self), not the field technician.
      const row = (id: string) => page.locator(`[data-testid="leaderboard-row"][data-id="${id}"]`);
      expect(await row('p-eng').getByRole('link').count()).toBe(1);
      expect(await row('p-lead').getByRole('link').count()).toBe(1);
      expect(await row('p-tech').getByRole('link').count()).toBe(0);
      expect(await row('p-tech').textContent()).toContain('Tia Technician');

      const csv = await downloadedCsv(page, 'leaderboard-csv');
      expect(csv.name).toMatch(/^leaderboard-individual-all-top-/);
      expect(csv.rows[0]).toEqual(['Rank', 'Name', 'Team', 'Points']);
      const shown = await tableRows(page, '[data-testid="leaderboard-row"]');
      expect(csv.rows.slice(1)).toEqual(shown.map(([rank, name, team, points]) => [rank, (name ?? '').replace(/you$/, ''), team, (points ?? '').replace(/\D/g, '')]));
      await page.screenshot({ path: join(SCREENSHOTS, 'leaderboard.png'), fullPage: true });

      await page.getByTestId('mode-tabs').getByRole('tab', { name: 'Around me' }).click();
      await page.waitForURL(/view=around/);
      await expect.poll(() => table.getAttribute('data-mode')).toBe('around');
      const mine = page.locator('[data-testid="leaderboard-row"][data-me="true"]');
      expect(await mine.getAttribute('data-id')).toBe('p-lead');
      const around = await page.getByTestId('leaderboard-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
      expect(around).toContain('p-lead');
      expect(around.length).toBeGreaterThanOrEqual(2);
      expect(around.length).toBeLessThanOrEqual(11);
      const aroundCsv = await downloadedCsv(page, 'leaderboard-csv');
      expect(aroundCsv.rows.length - 1).toBe(around.length);

      // Keyboard: the tabs and links are reachable; clicking a member opens the person view.
      await row('p-eng').getByRole('link', { name: 'Eve Engineer' }).click();
      await page.waitForURL(/\/people\/p-eng$/);
      await page.getByRole('heading', { name: 'Eve Engineer', level: 1 }).waitFor();
      const sla = page.getByTestId('person-sla');
      expect(Number(await sla.getAttribute('data-met')) + Number(await sla.getAttribute('data-breached'))).toBeGreaterThan(0);
      expect(Number(await page.getByTestId('person-points').getAttribute('data-points'))).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('person-ledger-entry').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('person-ledger-entry').first().textContent()).toMatch(/\w{3,}/);
      expect(await page.getByTestId('day-bars').locator('span').count()).toBe(30);
      await page.getByTestId('person').getByTestId('level').waitFor();
      await page.getByTestId('person').getByTestId('streak').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'person.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('leaderboard and person view at 360 px', async () => {
    const { page, context } = await newPage(browser, t.url, PHONE);
    try {
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      await page.goto('/leaderboard?scope=individual&window=all&view=around');
      await page.locator('[data-testid="leaderboard-row"][data-me="true"]').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'leaderboard-360.png'), fullPage: true });
      expect(await mainWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await page.goto('/people/p-eng2');
      await page.getByRole('heading', { name: 'Ed Engineer', level: 1 }).waitFor();
      await page.getByTestId('person-ledger-entry').first().waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'person-360.png'), fullPage: true });
      expect(await mainWidth(page)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await context.close();
    }
  });

  it('another team is "not your team"; an unknown id is not found; an engineer sees no links to others', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      await page.goto('/people/p-tech');
      await page.getByTestId('person-forbidden').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not your team');
      await page.goto('/people/p-nobody');
      await page.getByTestId('person-not-found').waitFor();

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(/\/login/);
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      await page.goto('/leaderboard?scope=individual&window=all&view=top');
      await page.locator('[data-testid="leaderboard-row"][data-id="p-eng2"]').waitFor();
      expect(await page.locator('[data-testid="leaderboard-row"][data-id="p-eng2"]').getByRole('link').count()).toBe(0);
      expect(await page.locator('[data-testid="leaderboard-row"][data-id="p-eng"]').getByRole('link').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
