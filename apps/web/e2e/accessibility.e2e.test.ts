import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../server/test-support/test-server';
import { actAs, alarmId } from './support/alarm-seed';
import { launchBrowser, NO_SERVICE_WORKER, signInContext } from './support/browser';
import { postEvents, seedWork, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

/**
 * WCAG 2.1 A and AA (contrast among them) on every main screen, in both themes, checked by axe-core
 * in Debian's Chromium against the real server. Colour is never the only signal of severity or SLA
 * state, so the screens carry alarms that are at risk and breached, points, badges and a feed.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const THEMES = ['dark', 'light'] as const;
type Theme = (typeof THEMES)[number];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

interface Screen {
  name: string;
  user: 'eng' | 'tech' | 'lead' | 'admin' | null;
  path: () => string;
  /** what must be on screen before it is checked */
  ready: string;
  viewport?: { width: number; height: number };
}

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

async function openAs(browser: Browser, t: TestServer, screen: Screen, theme: Theme): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: t.url, viewport: screen.viewport ?? DESKTOP, reducedMotion: 'reduce', ...NO_SERVICE_WORKER });
  if (screen.user) await signInContext(context, t.url, screen.user, TEST_PASSWORD);
  await context.addInitScript((chosen) => {
    localStorage.setItem('opsquest-ui', JSON.stringify({ state: { theme: chosen }, version: 0 }));
  }, theme);
  const page = await context.newPage();
  await page.goto(screen.path());
  await page.locator(screen.ready).first().waitFor();
  // Let the live socket connect and late panels (feed, history, charts) settle.
  await page.waitForLoadState('networkidle');
  return { context, page };
}

async function violations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, WCAG_TAGS);
}

function report(found: AxeViolation[]): string {
  return found
    .map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`).join('\n')}`)
    .join('\n');
}

describe('accessibility: WCAG 2.1 AA on every main screen, dark and light', () => {
  let t: TestServer;
  let browser: Browser;
  let alarmPage = '/';

  beforeAll(async () => {
    t = await startTestServer();
    await seedWork(t, 'A11Y');
    const res = await postEvents(t.url, [
      // Past the response SLA (critical: 15 min) and three quarters into it: red and amber rows.
      { source: 'nms', stream: 'alarm', externalKey: 'late', transition: 'raised', occurredAt: minutesAgo(40), attributes: { perceivedSeverity: 'critical', title: 'LinkDown on LATE-1', serviceAffecting: true, customersAffected: 3200 } },
      { source: 'nms', stream: 'alarm', externalKey: 'risk', transition: 'raised', occurredAt: minutesAgo(12), attributes: { perceivedSeverity: 'critical', title: 'LinkDown on RISK-1', customersAffected: 40 } },
      { source: 'nms', stream: 'alarm', externalKey: 'major', transition: 'raised', occurredAt: minutesAgo(3), attributes: { perceivedSeverity: 'major', title: 'PowerFail on MAJ-1' } },
      { source: 'nms', stream: 'alarm', externalKey: 'warn', transition: 'raised', occurredAt: minutesAgo(3), attributes: { perceivedSeverity: 'warning', title: 'FanDegraded on WRN-1' } },
      { source: 'nms', stream: 'alarm', externalKey: 'done', transition: 'raised', occurredAt: minutesAgo(8), attributes: { perceivedSeverity: 'major', title: 'Done on DONE-1' } },
      { source: 'bss', stream: 'order', externalKey: 'o-1', transition: 'acknowledged', occurredAt: minutesAgo(20), attributes: { title: 'Fibre 1G for ACME', vip: true } },
    ]);
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
    // Points, a ledger, a feed and a leaderboard: an engineer acknowledges and clears.
    const eng = await login(t.url, 'eng', TEST_PASSWORD);
    await actAs(t, eng, 'major', 'acknowledge');
    await actAs(t, eng, 'done', 'acknowledge');
    await actAs(t, eng, 'done', 'clear');
    alarmPage = `/alarms/${await alarmId(t, 'late')}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const screens: Screen[] = [
    { name: 'login', user: null, path: () => '/login', ready: 'form' },
    { name: 'engineer console', user: 'eng', path: () => '/', ready: '[data-testid="alarm-row"]' },
    { name: 'alarm page', user: 'eng', path: () => alarmPage, ready: '[data-testid="alarm-timeline"]' },
    { name: 'leaderboard', user: 'eng', path: () => '/leaderboard', ready: 'table' },
    { name: 'profile', user: 'eng', path: () => '/profile', ready: '[data-testid="badge-cabinet"]' },
    { name: 'wall', user: 'eng', path: () => '/wall', ready: '[data-testid="wall-alarms"]' },
    { name: 'technician console (360 px)', user: 'tech', path: () => '/', ready: '[data-testid="truckroll-row"]', viewport: PHONE },
    { name: 'dashboard', user: 'lead', path: () => '/dashboard', ready: '.recharts-surface' },
    { name: 'person', user: 'lead', path: () => '/people/p-eng', ready: '[data-testid="person-history"]' },
    { name: 'admin', user: 'admin', path: () => '/admin', ready: '[data-testid="admin-keys"]' },
  ];

  for (const theme of THEMES) {
    for (const screen of screens) {
      it(`${screen.name}, ${theme} theme`, async () => {
        const { context, page } = await openAs(browser, t, screen, theme);
        try {
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          const found = await violations(page);
          expect(found, report(found)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
