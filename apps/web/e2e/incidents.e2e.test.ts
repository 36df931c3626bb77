import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IncidentRegroupResult } from '@opsquest/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../server/test-support/http';
import { login } from '../../server/test-support/test-server';
import { alarmId } from './support/alarm-seed';
import { launchBrowser, NO_SERVICE_WORKER, signInContext } from './support/browser';
import { postEvents, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

/**
 * Incidents (#19) as people meet them: a storm of 40 alarms at one site is one row on the engineer's
 * board with its other alarms folded under it; a lead fixes what correlation got wrong on an alarm's
 * page (make another alarm the root cause, merge a lone alarm in, split it out again), and a refusal
 * on a stale page is said in words; the engineer clearing the root cause clears the whole incident.
 */

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const SITE = 'STORM-OSL-1';
const ROOT_TITLE = 'FiberCut on ring OSL-A';
const STORM = 40;
const link = (i: number): string => `LinkDown xe-0/0/${i}`;

async function open(browser: Browser, t: TestServer, user: string, path: string, viewport = DESKTOP, theme: 'dark' | 'light' = 'dark', live = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: t.url, viewport, reducedMotion: 'reduce', ...NO_SERVICE_WORKER });
  await signInContext(context, t.url, user, TEST_PASSWORD);
  await context.addInitScript((chosen) => localStorage.setItem('opsquest-ui', JSON.stringify({ state: { theme: chosen }, version: 0 })), theme);
  if (!live) {
    // no live updates: the page keeps showing what it loaded, whatever others change meanwhile
    await context.routeWebSocket(/\/socket\.io\//, () => undefined);
    await context.route(/\/socket\.io\//, (route) => route.abort());
  }
  const page = await context.newPage();
  await page.goto(path);
  return { context, page };
}

/** WCAG 2.1 A and AA violations on the page, or only inside the element `selector` names. */
async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(within === undefined ? document : { include: [[within]] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}

describe('incidents: a storm is one row; a lead regroups on the alarm page; clearing the root clears it all', () => {
  let t: TestServer;
  let browser: Browser;
  let lead = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    const start = Date.now() - 120_000;
    const storm = Array.from({ length: STORM }, (_, i) => ({
      source: 'nms',
      stream: 'alarm',
      externalKey: `storm-${i}`,
      transition: 'raised',
      occurredAt: new Date(start + i * 1000).toISOString(),
      attributes: { perceivedSeverity: i === 0 ? 'critical' : 'major', title: i === 0 ? ROOT_TITLE : link(i), site: SITE, region: 'Oslo', customersAffected: 25, serviceAffecting: true },
    }));
    const lone = [
      { key: 'fan', title: 'FanDegraded on chassis 2', site: 'BRG-2', severity: 'minor' },
      { key: 'power', title: 'PowerFail on rectifier 1', site: 'TRD-3', severity: 'major' },
    ].map((a) => ({
      source: 'nms',
      stream: 'alarm',
      externalKey: a.key,
      transition: 'raised',
      occurredAt: new Date(start).toISOString(),
      attributes: { perceivedSeverity: a.severity, title: a.title, site: a.site, customersAffected: 0, serviceAffecting: false },
    }));
    const res = await postEvents(t.url, [...storm, ...lone]);
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
    lead = await login(t.url, 'lead', TEST_PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the engineer’s board folds the storm under its root cause at 1280 and 360 px; the toggle lists its alarms and hides them again', async () => {
    for (const [viewport, name, theme] of [
      [DESKTOP, 'incidents-board.png', 'dark'],
      [PHONE, 'incidents-board-360.png', 'light'],
    ] as const) {
      const { context, page } = await open(browser, t, 'eng', '/', viewport, theme);
      try {
        const rows = page.getByTestId('alarm-row');
        await expect.poll(() => rows.count()).toBe(3);
        const root = rows.filter({ hasText: ROOT_TITLE });
        const toggle = root.getByTestId('incident-toggle');
        expect(await toggle.textContent()).toMatch(/Show 39 more alarms of this incident/);
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        // the root keeps its SLA clock; nothing of the storm but the root is on the board
        await root.getByTestId('sla-countdown').waitFor();
        expect(await rows.filter({ hasText: link(7) }).count()).toBe(0);
        await page.screenshot({ path: join(SCREENSHOTS, name) });
        await toggle.click();
        await expect.poll(() => rows.count()).toBe(STORM + 2);
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        const child = rows.filter({ hasText: link(7) });
        await child.getByTestId('incident-child-tag').waitFor();
        expect(await child.getByTestId('sla-countdown').count()).toBe(0);
        await toggle.click();
        await expect.poll(() => rows.count()).toBe(3);
      } finally {
        await context.close();
      }
    }
  });

  it('a lead on a child’s page sees its root cause and makes the child the root; the panel and the engineer’s board follow', async () => {
    const board = await open(browser, t, 'eng', '/');
    const { context, page } = await open(browser, t, 'lead', `/alarms/${await alarmId(t, 'storm-7')}`);
    try {
      await expect.poll(() => board.page.getByTestId('alarm-row').count()).toBe(3);
      const panel = page.getByTestId('alarm-incident-panel');
      const summary = panel.getByTestId('incident-summary');
      await expect.poll(() => summary.textContent()).toMatch(/part of an incident of 40 open alarms\. Its root cause is FiberCut on ring OSL-A · STORM-OSL-1\./);
      expect(await panel.getByTestId('incident-root-link').getAttribute('href')).toBe(`/alarms/${await alarmId(t, 'storm-0')}`);
      expect(await panel.getByRole('button', { name: 'Split out of the incident' }).count()).toBe(1);
      const merge = panel.getByLabel('Merge into…');
      expect(await merge.locator('option').allTextContents()).toEqual(['Choose…', 'PowerFail on rectifier 1 · TRD-3', 'FanDegraded on chassis 2 · BRG-2']);
      await panel.screenshot({ path: join(SCREENSHOTS, 'incident-panel.png') });
      expect(await axeViolations(page)).toEqual([]);

      // keyboard: Tab to the button, Enter presses it
      const makeRoot = panel.getByRole('button', { name: 'Make this the root cause' });
      await makeRoot.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/This alarm is now the root cause/);
      await expect.poll(() => summary.textContent()).toMatch(/root cause of an incident of 40 open alarms\. Clearing it clears the other 39 alarms too/);
      const children = panel.getByTestId('incident-children');
      expect(await children.getByRole('link').count()).toBe(20);
      expect(await children.getByRole('link', { name: ROOT_TITLE }).count()).toBe(1);
      expect(await panel.getByTestId('incident-more').textContent()).toBe('and 19 more alarms');
      // a root with other open alarms cannot leave its incident
      expect(await panel.getByRole('button', { name: 'Split out of the incident' }).count()).toBe(0);
      expect(await panel.getByRole('alert').count()).toBe(0);

      // the engineer's board, live: the new root is the row, the old root folded under it
      const rows = board.page.getByTestId('alarm-row');
      await rows.filter({ hasText: link(7) }).getByTestId('incident-toggle').waitFor();
      expect(await rows.filter({ hasText: ROOT_TITLE }).count()).toBe(0);
      expect(await rows.count()).toBe(3);
    } finally {
      await context.close();
      await board.context.close();
    }
  });

  it('a lead merges a lone alarm into the incident and splits it out again (light theme, 360 px)', async () => {
    const { context, page } = await open(browser, t, 'lead', `/alarms/${await alarmId(t, 'fan')}`, PHONE, 'light');
    try {
      const panel = page.getByTestId('alarm-incident-panel');
      const summary = panel.getByTestId('incident-summary');
      await expect.poll(() => summary.textContent()).toMatch(/This alarm is in no incident/);
      // no child of another incident is offered, only its root (with the incident's size) and lone alarms
      const merge = panel.getByLabel('Merge into…');
      const target = `${link(7)} · ${SITE} (incident of 40 alarms)`;
      expect((await merge.locator('option').allTextContents()).sort()).toEqual(['Choose…', target, 'PowerFail on rectifier 1 · TRD-3'].sort());
      // nothing chosen: said next to the choice, nothing sent
      await panel.getByRole('button', { name: 'Merge' }).click();
      expect(await panel.getByRole('alert').textContent()).toMatch(/Choose an incident or an alarm to merge into\./);
      await merge.selectOption({ label: target });
      await panel.getByRole('button', { name: 'Merge' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toBe(`Merged into the incident of “${link(7)} · ${SITE}”.`);
      expect(await panel.getByRole('alert').count()).toBe(0);
      await expect.poll(() => summary.textContent()).toMatch(new RegExp(`part of an incident of 41 open alarms\\. Its root cause is ${link(7)} · ${SITE}\\.`));
      // the phone shows it all without sideways scrolling; the panel passes WCAG 2.1 AA in the light theme
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(page, '[data-testid="alarm-incident-panel"]')).toEqual([]);

      await panel.getByRole('button', { name: 'Split out of the incident' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/Split out: this alarm is work of its own now/);
      await expect.poll(() => summary.textContent()).toMatch(/This alarm is in no incident/);
      expect(await panel.getByRole('button', { name: 'Split out of the incident' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a refusal on a stale page is said in words, and the page then shows the truth', async () => {
    const id = await alarmId(t, 'storm-9');
    const { context, page } = await open(browser, t, 'lead', `/alarms/${id}`, DESKTOP, 'dark', false);
    try {
      const panel = page.getByTestId('alarm-incident-panel');
      const summary = panel.getByTestId('incident-summary');
      await expect.poll(() => summary.textContent()).toMatch(/part of an incident of 40 open alarms/);
      // another lead splits it out meanwhile; this page hears nothing of it
      const split = await postJson<IncidentRegroupResult>(t.url, `/api/work-items/${id}/incident`, { action: 'split' }, { cookie: lead });
      expect(split.status).toBe(200);
      await panel.getByRole('button', { name: 'Split out of the incident' }).click();
      await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(new RegExp(`Alarm ${id} is not part of an incident\\.`));
      await expect.poll(() => summary.textContent()).toMatch(/This alarm is in no incident/);
    } finally {
      await context.close();
    }
  });

  it('the engineer clearing the root cause clears the whole incident off the board', async () => {
    const { context, page } = await open(browser, t, 'eng', '/');
    try {
      const rows = page.getByTestId('alarm-row');
      // the new root with 38 alarms under it (the fan and storm-9 were split out), the rectifier, the fan, storm-9
      await expect.poll(() => rows.count()).toBe(4);
      const root = rows.filter({ hasText: link(7) });
      expect(await root.getByTestId('incident-toggle').textContent()).toMatch(/Show 38 more alarms of this incident/);
      await root.getByRole('button', { name: 'Clear' }).click();
      // sent after its 5-second undo; the other 38 are cleared with it
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3);
      const left = (await rows.allTextContents()).join('\n');
      expect(left).toMatch(/FanDegraded on chassis 2/);
      expect(left).toMatch(/PowerFail on rectifier 1/);
      expect(left).toMatch(new RegExp(link(9)));
      expect(left).not.toMatch(new RegExp(`${ROOT_TITLE}|${link(7)}`));
      expect(await page.getByTestId('incident-toggle').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
