import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from '../../server/test-support/http';
import { login } from '../../server/test-support/test-server';
import { launchBrowser, NO_SERVICE_WORKER, signInContext } from './support/browser';
import { postEvents, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

/**
 * Planned work (#19) as people meet it: a lead declares a maintenance window in the console; an alarm
 * raised there during it shows on the engineer's board as planned work (no SLA clock, no points), with
 * the window named above the board, live; the wall shows it; the lead ends it early with two clicks.
 */

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const SITE = 'PW-OSLO-7';

async function open(browser: Browser, t: TestServer, user: string, path: string, viewport = DESKTOP, theme: 'dark' | 'light' = 'dark'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: t.url, viewport, reducedMotion: 'reduce', ...NO_SERVICE_WORKER });
  await signInContext(context, t.url, user, TEST_PASSWORD);
  await context.addInitScript((chosen) => localStorage.setItem('opsquest-ui', JSON.stringify({ state: { theme: chosen }, version: 0 })), theme);
  const page = await context.newPage();
  await page.goto(path);
  return { context, page };
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('planned work: declared by a lead, seen on the board and the wall, ended early', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a lead declares planned work with the form; a bad range is refused in words next to the field', async () => {
    const { context, page } = await open(browser, t, 'lead', '/planned-work');
    try {
      const form = page.getByTestId('maintenance-form');
      await form.waitFor();
      await form.getByLabel('What is planned').fill('Fibre splice on the Oslo ring');
      await form.getByLabel('Change or ticket id').fill('CHG-1042');
      await form.getByLabel('Sites').fill(`${SITE}, PW-OSLO-8`);
      // ends before it starts: the server's words, next to the times
      const start = await form.getByLabel('Starts').inputValue();
      await form.getByLabel('Ends').fill(start);
      await form.getByRole('button', { name: 'Declare planned work' }).click();
      await expect.poll(() => form.getByTestId('field-error').allTextContents()).toEqual([expect.stringMatching(/after startsAt|after the start/i)]);
      const later = new Date(Date.now() + 3 * 3_600_000);
      const pad = (n: number): string => String(n).padStart(2, '0');
      await form.getByLabel('Ends').fill(`${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:${pad(later.getMinutes())}`);
      // started a minute ago: running now
      const earlier = new Date(Date.now() - 60_000);
      await form.getByLabel('Starts').fill(`${earlier.getFullYear()}-${pad(earlier.getMonth() + 1)}-${pad(earlier.getDate())}T${pad(earlier.getHours())}:${pad(earlier.getMinutes())}`);
      // the field work as a team mission: a bad target is refused in words, then two visits for 40 points
      await form.getByLabel('Make the field work a team mission').check();
      await form.getByLabel('Visits to complete').fill('0');
      await form.getByRole('button', { name: 'Declare planned work' }).click();
      await expect.poll(() => form.getByTestId('field-error').allTextContents()).toEqual([expect.stringMatching(/Visits: a whole number/)]);
      await form.getByLabel('Visits to complete').fill('2');
      await form.getByLabel('Reward points').fill('40');
      expect(await axeViolations(page)).toEqual([]);
      await form.getByRole('button', { name: 'Declare planned work' }).click();
      await form.getByRole('status').filter({ hasText: 'its field work is a mission' }).waitFor();
      const missions = await getJson<{ missions: { title: string; target: number; rewardPoints: number }[] }>(t.url, '/api/missions', { cookie: await login(t.url, 'lead', TEST_PASSWORD) });
      expect(missions.body.missions.find((m) => m.title === 'Planned work: Fibre splice on the Oslo ring')).toMatchObject({ target: 2, rewardPoints: 40 });
      const item = page.getByTestId('maintenance-current').getByTestId('maintenance-item').first();
      await expect.poll(() => item.getAttribute('data-state')).toBe('active');
      expect(await item.textContent()).toMatch(/Fibre splice on the Oslo ring.*CHG-1042.*sites PW-OSLO-7, PW-OSLO-8.*Declared by Leo Lead/s);
      await page.screenshot({ path: join(SCREENSHOTS, 'planned-work-1280.png') });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the engineer’s board names the planned work and marks the alarm raised there, live, at 1280 and 360 px', async () => {
    const desk = await open(browser, t, 'eng', '/');
    const phone = await open(browser, t, 'eng', '/', PHONE, 'light');
    try {
      for (const { page } of [desk, phone]) {
        await page.getByTestId('planned-work-banner').waitFor();
        await page.getByTestId('alarm-filters').waitFor();
      }
      const res = await postEvents(t.url, [
        { source: 'nms', stream: 'alarm', externalKey: 'pw-planned', transition: 'raised', occurredAt: new Date(Date.now() - 5_000).toISOString(), attributes: { perceivedSeverity: 'critical', title: `LinkDown on ${SITE}`, site: SITE } },
        { source: 'nms', stream: 'alarm', externalKey: 'pw-fault', transition: 'raised', occurredAt: new Date(Date.now() - 5_000).toISOString(), attributes: { perceivedSeverity: 'major', title: 'LinkDown on PW-BERGEN-1', site: 'PW-BERGEN-1' } },
      ]);
      expect(res.status).toBe(201);
      for (const { page } of [desk, phone]) {
        const planned = page.getByTestId('alarm-row').filter({ hasText: `LinkDown on ${SITE}` });
        await planned.getByTestId('planned-tag').waitFor();
        expect(await planned.getByTestId('sla-countdown').count()).toBe(0);
        const fault = page.getByTestId('alarm-row').filter({ hasText: 'LinkDown on PW-BERGEN-1' });
        await fault.getByTestId('sla-countdown').waitFor();
        expect(await fault.getByTestId('planned-tag').count()).toBe(0);
        expect(await page.getByTestId('planned-work-item').first().textContent()).toMatch(/Fibre splice on the Oslo ring · sites PW-OSLO-7, PW-OSLO-8 · until/);
      }
      await desk.page.screenshot({ path: join(SCREENSHOTS, 'planned-work-board-1280.png') });
      await phone.page.screenshot({ path: join(SCREENSHOTS, 'planned-work-board-360.png') });
      // clearing planned work pays nothing
      const row = desk.page.getByTestId('alarm-row').filter({ hasText: `LinkDown on ${SITE}` });
      const cookie = await login(t.url, 'eng', TEST_PASSWORD);
      const pointsNow = async (): Promise<number> => (await getJson<{ points: number }>(t.url, '/api/me', { cookie })).body.points;
      const before = await pointsNow();
      await row.getByRole('button', { name: 'Clear' }).click();
      // sent once its 5-second undo has passed; a cleared alarm leaves the open board
      await expect.poll(() => desk.page.getByTestId('alarm-row').filter({ hasText: `LinkDown on ${SITE}` }).count(), { timeout: 20_000 }).toBe(0);
      expect(await pointsNow()).toBe(before);
    } finally {
      await desk.context.close();
      await phone.context.close();
    }
  });

  it('the wall shows planned work while it runs', async () => {
    const { context, page } = await open(browser, t, 'lead', '/wall', { width: 1920, height: 1080 });
    try {
      const strip = page.getByTestId('wall-planned-work');
      await strip.waitFor();
      expect(await strip.textContent()).toMatch(/Fibre splice on the Oslo ring.*1 alarm planned/s);
      await page.screenshot({ path: join(SCREENSHOTS, 'planned-work-wall.png') });
    } finally {
      await context.close();
    }
  });

  it('the lead ends it early with two clicks; the board drops the banner live; light theme passes axe', async () => {
    const board = await open(browser, t, 'eng', '/');
    const { context, page } = await open(browser, t, 'lead', '/planned-work', DESKTOP, 'light');
    try {
      await board.page.getByTestId('planned-work-banner').waitFor();
      const item = page.getByTestId('maintenance-current').getByTestId('maintenance-item').first();
      await item.getByRole('button', { name: /^Cancel / }).click();
      expect(await axeViolations(page)).toEqual([]);
      await item.getByTestId('maintenance-cancel-confirm').click();
      await page.getByTestId('maintenance-current').getByText('No planned work now or coming up.').waitFor();
      await page.getByTestId('maintenance-recent').getByTestId('maintenance-item').first().waitFor();
      expect(await page.getByTestId('maintenance-recent').getByTestId('maintenance-item').first().getAttribute('data-state')).toBe('cancelled');
      await board.page.getByTestId('planned-work-banner').waitFor({ state: 'detached' });
    } finally {
      await context.close();
      await board.context.close();
    }
  });
});
