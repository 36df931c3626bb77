import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, signInContext } from './support/browser';
import { postEvents, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('insight and mastery: engagement and before/after on the dashboard, tracks, bests and hidden badges on the profile', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestServer();
    const now = Date.now();
    const at = (ms: number): string => new Date(now - ms).toISOString();
    const alarm = { source: 'nms', stream: 'alarm', attributes: { perceivedSeverity: 'major', title: 'LinkDown on INS-1' } } as const;
    const res = await postEvents(t.url, [
      // Two days ago: acknowledged after 10 minutes, cleared after 40.
      { ...alarm, externalKey: 'INS-1', transition: 'raised', occurredAt: at(2 * DAY + 60 * MINUTE) },
      { ...alarm, externalKey: 'INS-1', transition: 'acknowledged', occurredAt: at(2 * DAY + 50 * MINUTE), actor: 'eng' },
      { ...alarm, externalKey: 'INS-1', transition: 'cleared', occurredAt: at(2 * DAY + 20 * MINUTE), actor: 'eng' },
      // Today, after the rule change: acknowledged after 5 minutes, cleared after 20.
      { ...alarm, externalKey: 'INS-2', transition: 'raised', occurredAt: at(30 * MINUTE) },
      { ...alarm, externalKey: 'INS-2', transition: 'acknowledged', occurredAt: at(25 * MINUTE), actor: 'eng' },
      { ...alarm, externalKey: 'INS-2', transition: 'cleared', occurredAt: at(10 * MINUTE), actor: 'eng' },
    ]);
    expect(res.status).toBe(201);
    await t.server.repos.audit.record(now - DAY, { actorId: 'p-lead', action: 'rules.published', reason: 'Faster clears pay more', details: { version: 2 } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a lead sees engagement charts and a before/after row for a rule change, in words', async () => {
    const { page, context } = await newPage(browser, t.url, { width: 1280, height: 900 });
    try {
      await signInContext(context, t.url, 'lead', TEST_PASSWORD);
      await page.goto('/dashboard');
      const engagement = page.getByTestId('engagement');
      await engagement.waitFor();
      for (const id of ['chart-active-people', 'chart-actions-per-shift', 'chart-streaks']) {
        const chart = page.getByTestId(id);
        await chart.locator('.recharts-surface').first().waitFor();
        // The data is there as a table too (for screen readers, and on "Show table").
        expect(await chart.locator('table tbody tr').count()).toBeGreaterThan(0);
      }
      expect(await page.getByTestId('chart-active-people').locator('.chart__canvas').getAttribute('aria-label')).toMatch(/1 of 3 people were active/);
      const holders = page.getByTestId('badge-unlock-row');
      expect(await holders.count()).toBeGreaterThan(20);

      const row = page.getByTestId('outcome-change-row');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      const text = (await row.first().textContent()) ?? '';
      expect(text).toContain('Rules published (version 2): Faster clears pay more');
      // One alarm a side: the figures and their sample sizes, and no verdict yet.
      expect(text).toContain('10 min → 5 min');
      expect(text).toContain('40 min → 20 min');
      expect(text).toContain('n = 1 → 1');
      expect(text).toContain('MTTA: Not enough data yet (n = 1, need 20');
      expect(text).toContain('MTTR: Not enough data yet (n = 1, need 20');
      expect(text).not.toMatch(/% faster|% slower/);
      // The change is marked on the outcome chart: a vertical line (no width, so "attached") labelled "Rules".
      const mark = page.getByTestId('chart-outcome-changes').locator('.recharts-reference-line');
      await mark.locator('line').first().waitFor({ state: 'attached' });
      expect(await page.getByTestId('chart-outcome-changes').locator('svg text', { hasText: /^Rules$/ }).count()).toBe(1);

      // The trend period lives in the URL.
      await page.getByLabel('Trend period').selectOption('7');
      await page.waitForURL(/trend=7/);
      await expect.poll(() => page.getByTestId('chart-active-people').locator('table tbody tr').count()).toBe(7);

      // The lead opens a team member: skill tracks and bests, and the hidden badges stay hidden there too.
      await page.goto('/people/p-eng');
      const mastery = page.getByTestId('person-mastery');
      await mastery.getByTestId('skill-track').first().waitFor();
      expect(await mastery.getByTestId('skill-track').count()).toBe(2);
      expect(await mastery.getByTestId('best-resolved').textContent()).toMatch(/1 item/);
      const hidden = page.locator('[data-testid="person-badge"][data-hidden="true"]');
      expect(await hidden.count()).toBe(2);
      expect(await hidden.first().textContent()).toContain('Hidden badge');
      expect((await page.locator('body').textContent()) ?? '').not.toContain('Moonlight');
    } finally {
      await context.close();
    }
  });

  it('the profile shows skill tracks, personal bests and this week against my average, and keeps hidden badges secret', async () => {
    const { page, context } = await newPage(browser, t.url, { width: 1280, height: 900 });
    try {
      await signInContext(context, t.url, 'eng', TEST_PASSWORD);
      await page.goto('/profile');
      const tracks = page.getByTestId('skill-track');
      await tracks.first().waitFor();
      expect(await tracks.count()).toBe(2);
      const alarmTrack = page.locator('[data-testid="skill-track"][data-track="alarm"]');
      expect(await alarmTrack.textContent()).toMatch(/Alarm handling.*Level 1 · NOC Trainee/);
      const alarmXp = Number(/([\d,]+) \/ 150 XP/.exec((await alarmTrack.textContent()) ?? '')?.[1]?.replace(',', ''));
      expect(alarmXp).toBeGreaterThan(0);
      expect(await alarmTrack.textContent()).toContain('level 2 unlocks Alarm Handler');
      expect(await alarmTrack.getByRole('progressbar').count()).toBe(1);

      expect(await page.getByTestId('best-day').textContent()).toMatch(/Best day\d+ points/);
      expect(await page.getByTestId('best-resolved').textContent()).toMatch(/Most resolved in a day1 item/);
      expect(await page.getByTestId('best-streak').textContent()).toMatch(/Longest streak\d+ days?/);
      expect(await page.getByTestId('compete-week').textContent()).toMatch(/^This week so far: \d+ points?/);
      expect(await page.getByTestId('compete-today').textContent()).toMatch(/Today/);
      expect(await page.getByTestId('compete-week-bars').textContent()).toContain('Average week');

      const cabinet = page.getByTestId('badge-cabinet');
      const secret = cabinet.locator('[data-testid="cabinet-badge"][data-hidden="true"]');
      expect(await secret.count()).toBe(2);
      expect(await secret.first().textContent()).toContain('Hidden badge');
      expect(await secret.first().getByRole('progressbar').count()).toBe(0);
      const families = cabinet.getByTestId('cabinet-family');
      expect(await families.count()).toBe(5);
      expect(await families.first().textContent()).toMatch(/Bronze.*Silver.*Gold/);
      const body = (await page.locator('body').textContent()) ?? '';
      expect(body).not.toContain('Moonlight');
      expect(body).not.toContain('Crowd Pleaser');
    } finally {
      await context.close();
    }
  });
});
