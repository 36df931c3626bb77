import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newPage, NO_SERVICE_WORKER, signInContext } from './support/browser';
import { postEvents, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const MIN_MS = 60_000;
const DAY_MS = 86_400_000;

/** Alarms cleared by the NOC engineers over the last days, so a rule change moves points. */
async function seedClears(t: TestServer): Promise<void> {
  const now = Date.now();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const events: unknown[] = [];
  const people = ['eng', 'eng2', 'eng', 'lead'] as const;
  for (let d = 0; d < 6; d++) {
    const actor = people[d % people.length] ?? 'eng';
    const raisedAt = now - d * DAY_MS - 3 * 60 * MIN_MS;
    const key = `RULES-E2E-${d}`;
    events.push(
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: iso(raisedAt), attributes: { perceivedSeverity: d % 2 ? 'major' : 'minor', title: `Rules alarm ${key}` } },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'acknowledged', actor, occurredAt: iso(raisedAt + 3 * MIN_MS) },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', actor, occurredAt: iso(raisedAt + 12 * MIN_MS) },
    );
  }
  const res = await postEvents(t.url, events);
  if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<string> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return found.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

describe('rules editor: what-if preview, publish, audit log, adjustments', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestServer();
    await seedClears(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a lead changes "Clear an alarm", previews the difference, publishes with a reason and sees version 2 and the audit entry', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
      await page.getByRole('heading', { name: 'Scoring rules', level: 1 }).waitFor();
      expect(await page.getByTestId('rule-current-version').getAttribute('data-version')).toBe('1');

      const clear = page.getByRole('group', { name: /^Clear an alarm/ });
      const base = clear.getByLabel('Base points');
      expect(await base.inputValue()).toBe('20');
      await base.fill('45');

      await page.getByRole('button', { name: 'Preview last 30 days' }).click();
      const people = page.getByTestId('what-if-people');
      await people.waitFor();
      const eng = people.locator('tr[data-person-id="p-eng"]');
      expect(Number(await eng.getAttribute('data-difference'))).toBeGreaterThan(0);
      expect(Number(await people.locator('tr[data-person-id="p-tech"]').getAttribute('data-difference'))).toBe(0);
      const clearRow = page.getByTestId('what-if-rules').locator('tr[data-id="alarm.clear"]');
      expect(Number(await clearRow.getAttribute('data-difference'))).toBeGreaterThan(0);
      expect(await clearRow.textContent()).toContain('Clear an alarm');
      // docs/screenshots/rules-what-if.png is taken by lead-console.e2e.test.ts.
      // Previewing publishes nothing.
      expect(await page.getByTestId('rule-current-version').getAttribute('data-version')).toBe('1');

      // Publishing asks for a reason: the server's message lands next to the field.
      const publish = page.getByTestId('rule-publish');
      await publish.getByRole('button', { name: 'Publish' }).click();
      await publish.getByTestId('field-error').waitFor();
      expect(await page.getByTestId('rule-current-version').getAttribute('data-version')).toBe('1');

      await publish.getByLabel('Reason for this change').fill('Clears matter more during the migration');
      await publish.getByRole('button', { name: 'Publish' }).click();
      await page.locator('[data-testid="rule-current-version"][data-version="2"]').waitFor();
      await page.getByTestId('rule-published').waitFor();
      const v2 = page.getByTestId('rule-history').locator('tr[data-version="2"]');
      expect(await v2.textContent()).toContain('Leo Lead');
      expect(await v2.textContent()).toContain('Clears matter more during the migration');
      // The fresh draft shows the new number and the rule's new version.
      expect(await page.getByRole('group', { name: /^Clear an alarm/ }).getByLabel('Base points').inputValue()).toBe('45');
      // One numbering: the changed rule carries the version that changed it.
      expect(await page.getByRole('group', { name: /^Clear an alarm/ }).locator('legend').first().textContent()).toContain('v2');

      const entry = page.getByTestId('audit-log').locator('[data-testid="audit-entry"][data-action="rules.published"]');
      await entry.waitFor();
      expect(await entry.textContent()).toContain('Clears matter more during the migration');
      expect(await entry.textContent()).toContain('rule:alarm.clear');
      expect(t.server.services.engine.rules.find((r) => r.id === 'alarm.clear')?.basePoints).toBe(45);
    } finally {
      await context.close();
    }
  });

  it('a lead adjusts a team member’s points with a reason; it shows in their history and the audit log', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await signInContext(context, t.url, 'lead', TEST_PASSWORD);
      await page.goto('/people/p-eng2');
      const form = page.getByTestId('adjust-points');
      await form.waitFor();
      await form.getByRole('button', { name: 'Adjust points' }).click();
      await form.getByTestId('field-error').first().waitFor();
      await form.getByLabel(/^Points/).fill('25');
      await form.getByLabel('Reason').fill('Covered the night shift at short notice');
      await form.getByRole('button', { name: 'Adjust points' }).click();
      await page.getByTestId('person-history').getByText('Adjustment by Leo Lead: Covered the night shift at short notice').waitFor();

      await page.goto('/rules');
      const audit = page.getByTestId('audit-log');
      await audit.getByLabel('Show').selectOption('points.adjusted');
      const entry = audit.locator('[data-testid="audit-entry"][data-action="points.adjusted"]');
      await entry.waitFor();
      expect(await entry.textContent()).toContain('Ed Engineer');
      expect(await entry.textContent()).toContain('+25 points');
      expect(await audit.locator('[data-action="rules.published"]').count()).toBe(0);

      // Not for another team's people, nor for oneself.
      await page.goto('/people/p-lead');
      await page.getByTestId('person').waitFor();
      expect(await page.getByTestId('adjust-points').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('engineers have no Rules link and the page says who may use it', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await signInContext(context, t.url, 'eng', TEST_PASSWORD);
      await page.goto('/rules');
      await page.getByTestId('rules-forbidden').waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).count()).toBe(0);
      await page.goto('/people/p-eng');
      await page.getByTestId('person').waitFor();
      expect(await page.getByTestId('adjust-points').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`rules page with a preview and the adjust form pass WCAG 2.1 AA, ${theme} theme`, async () => {
      const context = await browser.newContext({ baseURL: t.url, viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', ...NO_SERVICE_WORKER });
      try {
        await signInContext(context, t.url, 'admin', TEST_PASSWORD);
        await context.addInitScript((chosen) => {
          localStorage.setItem('opsquest-ui', JSON.stringify({ state: { theme: chosen }, version: 0 }));
        }, theme);
        const page = await context.newPage();
        await page.goto('/rules');
        await page.getByRole('group', { name: /^Clear an alarm/ }).getByLabel('Base points').fill('10');
        await page.getByRole('button', { name: 'Preview last 30 days' }).click();
        await page.getByTestId('what-if-people').waitFor();
        await page.getByTestId('audit-entry').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        expect(await axeViolations(page)).toBe('');

        await page.goto('/people/p-eng');
        await page.getByTestId('adjust-points').waitFor();
        await page.waitForLoadState('networkidle');
        expect(await axeViolations(page)).toBe('');
      } finally {
        await context.close();
      }
    });
  }
});
