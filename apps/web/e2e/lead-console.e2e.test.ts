import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/security/password';
import { postJson } from '../../server/test-support/http';
import { login } from '../../server/test-support/test-server';
import { launchBrowser, loginThroughForm, newPage, signInContext } from './support/browser';
import { postEvents, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
/** Seven people of the lead's team score: more than the five the points chart names one by one. */
const EXTRA = ['eng3', 'eng4', 'eng5', 'eng6'] as const;
const SCORERS = ['eng', 'eng2', 'lead', ...EXTRA] as const;
const DURATION = /^(\d+ d( \d+ h)?|\d+ h( \d+ min)?|\d+ min|\d+ s)$/;

/** Alarms over the past ten days, each person with a different pace; long clears so MTTR runs into hours. */
async function seedHistory(t: TestServer): Promise<void> {
  const now = Date.now();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const events: unknown[] = [];
  for (let d = 1; d <= 10; d++) {
    SCORERS.forEach((actor, k) => {
      if ((d + k) % 3 === 0) return;
      const raisedAt = now - d * DAY_MS - (k + 1) * 60 * MIN_MS;
      const key = `LC-${d}-${k}`;
      events.push(
        { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: iso(raisedAt), attributes: { perceivedSeverity: k % 2 ? 'major' : 'minor', title: `FiberCut ${key}`, site: 'SITE-12' } },
        { source: 'nms', stream: 'alarm', externalKey: key, transition: 'acknowledged', actor, occurredAt: iso(raisedAt + (3 + k) * MIN_MS) },
        { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', actor, occurredAt: iso(raisedAt + (40 + 37 * k + 11 * d) * MIN_MS) },
      );
    });
  }
  const res = await postEvents(t.url, events);
  if (res.status !== 201) throw new Error(`seeding history failed: ${res.status} ${await res.text()}`);
}

/** The first column of a chart's data table (rendered for screen readers even while hidden). */
async function firstColumn(page: Page, chartTestId: string): Promise<string[]> {
  return page
    .getByTestId(chartTestId)
    .locator('table tbody tr th')
    .evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
}

describe('a lead’s pages read right: landing, durations, shifts, points per person, outcomes, rules', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    const hash = await hashPassword(TEST_PASSWORD);
    for (const [i, username] of EXTRA.entries()) {
      await t.server.repos.people.createPerson({ id: `p-${username}`, username, displayName: `Extra Engineer ${i + 3}`, role: 'engineer', teamId: 't-noc', passwordHash: hash, workDays: null }, Date.now());
    }
    await seedHistory(t);
    // A mission the lead starts now: far too fresh for a before/after verdict.
    const cookie = await login(t.url, 'lead');
    const mission = await postJson(t.url, '/api/missions', { templateId: 'critical-sla-week' }, { cookie });
    if (mission.status !== 201) throw new Error(`creating the mission failed: ${mission.status} ${JSON.stringify(mission.body)}`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the lead signs in and lands on the dashboard, whose figures read as people say them', async () => {
    const { page, context } = await newPage(browser, t.url, DESKTOP);
    try {
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      await page.waitForURL(/\/dashboard$/);
      await page.getByTestId('dashboard-day-table').waitFor();

      // MTTA and MTTR: durations, never "349.6 min".
      for (const kpi of ['kpi-mtta', 'kpi-mttr']) {
        const text = ((await page.getByTestId(kpi).locator('dd').textContent()) ?? '').trim();
        expect(text).toMatch(DURATION);
        expect(text).not.toMatch(/\d[.,]\d/);
      }
      expect((await page.getByTestId('kpi-mttr').locator('dd').textContent()) ?? '').toMatch(/\d+ h \d+ min|\d+ min/);
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).not.toMatch(/\d[.,]\d+ ?min/);

      // One set of shift names, in the same order, on both shift charts.
      await page.getByTestId('chart-actions-per-shift').locator('table').waitFor({ state: 'attached' });
      const dashboardShifts = await firstColumn(page, 'chart-shifts');
      expect(dashboardShifts).toEqual(['Day', 'Evening', 'Night']);
      expect(await firstColumn(page, 'chart-actions-per-shift')).toEqual(dashboardShifts);

      // Points per person: five people and "Others", no more.
      const points = page.getByTestId('chart-points-by-person');
      await points.locator('.recharts-surface').first().waitFor();
      const legend = await points.locator('.recharts-legend-item').evaluateAll((items) => items.map((i) => (i.textContent ?? '').trim()));
      expect(legend.length).toBeLessThanOrEqual(6);
      expect(legend).toHaveLength(6);
      expect(legend.at(-1)).toBe('Others (2 people)');

      // Outcomes: sample sizes everywhere, and no verdict for the mission started a moment ago.
      const mission = page.locator('[data-testid="outcome-change-row"][data-kind="mission"]');
      await mission.first().waitFor();
      const missionText = (await mission.first().textContent()) ?? '';
      expect(missionText).toContain('n =');
      expect(missionText).toMatch(/Not enough data yet \(n = \d+, need 20/);
      expect(missionText).not.toMatch(/% faster|% slower/);

      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('opening / takes a lead to the dashboard; the console stays at /console', async () => {
    const { page, context } = await newPage(browser, t.url, DESKTOP);
    try {
      await signInContext(context, t.url, 'lead', TEST_PASSWORD);
      await page.goto('/');
      await page.waitForURL(/\/dashboard$/);
      await page.goto('/console');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/console');
    } finally {
      await context.close();
    }
  });

  it('the dashboard in the light theme', async () => {
    const light = await newPage(browser, t.url, DESKTOP);
    try {
      await light.context.addInitScript(() => localStorage.setItem('opsquest-ui', JSON.stringify({ state: { theme: 'light' }, version: 0 })));
      await signInContext(light.context, t.url, 'lead', TEST_PASSWORD);
      await light.page.goto('/dashboard');
      await light.page.getByTestId('chart-points-by-person').locator('.recharts-surface').first().waitFor();
      await light.page.getByTestId('outcome-change-row').first().waitFor();
      await light.page.screenshot({ path: join(SCREENSHOTS, 'dashboard-light.png'), fullPage: true });
    } finally {
      await light.context.close();
    }
  });

  it('the points chart fits a 360 px phone', async () => {
    const phone = await newPage(browser, t.url, PHONE);
    try {
      await signInContext(phone.context, t.url, 'lead', TEST_PASSWORD);
      await phone.page.goto('/dashboard');
      const points = phone.page.getByTestId('chart-points-by-person');
      await points.locator('.recharts-surface').first().waitFor();
      const box = await points.boundingBox();
      expect(box?.width ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(PHONE.width);
      await points.screenshot({ path: join(SCREENSHOTS, 'dashboard-points-360.png') });
    } finally {
      await phone.context.close();
    }
  });

  it('rules: Preview in the first screen, both dates in the what-if range, one version number', async () => {
    const { page, context } = await newPage(browser, t.url, DESKTOP);
    try {
      await signInContext(context, t.url, 'lead', TEST_PASSWORD);
      await page.goto('/rules');
      const preview = page.getByTestId('rule-preview');
      await preview.waitFor();
      const box = await preview.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.y ?? Number.POSITIVE_INFINITY) + (box?.height ?? 0)).toBeLessThanOrEqual(DESKTOP.height);

      // The set and its rules agree: no rule or badge above the version in force, and the newest one is it.
      const setVersion = Number(await page.getByTestId('rule-current-version').getAttribute('data-version'));
      const ruleVersions = await page.locator('.rule-editor__version').evaluateAll((els) => els.map((e) => Number((e.textContent ?? '').replace(/\D/g, ''))));
      expect(ruleVersions.length).toBeGreaterThan(5);
      expect(Math.max(...ruleVersions)).toBe(setVersion);

      // Scrolled to the end of the long draft, Preview is still on screen.
      await page.getByRole('group', { name: /^Clear an alarm/ }).getByLabel('Base points').fill('30');
      await page.locator('.rules-badges').scrollIntoViewIfNeeded();
      const stuck = await preview.boundingBox();
      expect(stuck?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect((stuck?.y ?? Number.POSITIVE_INFINITY) + (stuck?.height ?? 0)).toBeLessThanOrEqual(DESKTOP.height);
      await preview.click();

      const range = page.getByTestId('what-if-range');
      await range.waitFor();
      const [from = '', to = ''] = ((await range.textContent()) ?? '').split(' to ');
      const month = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;
      expect(from).toMatch(month);
      expect(to).toMatch(month);
      expect(from).not.toBe(to);
      // The preview scrolled itself into view; a full-page picture is taken from the top, where the sticky bars belong.
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SCREENSHOTS, 'rules-what-if.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
