import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../server/test-support/test-server';
import { actAs, raiseAlarms } from './support/alarm-seed';
import { launchBrowser, newPage, signInContext } from './support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';
import { requestHeaders } from '../../server/test-support/http';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: string[];
}

/** WCAG 2.1 A and AA violations on the page, by axe-core. */
async function violations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  });
}

describe('missions and co-creation in the browser', () => {
  let t: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function pageAs(username: string): Promise<Page> {
    const { context, page } = await newPage(browser, t.url);
    contexts.push(context);
    await signInContext(context, t.url, username, TEST_PASSWORD);
    return page;
  }

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  it('a lead creates a mission from a template; the engineer sees its bar move live after clearing a matching alarm', async () => {
    const lead = await pageAs('lead');
    await lead.goto('/missions');
    await lead.getByRole('heading', { name: 'Missions', level: 1 }).waitFor();
    const form = lead.getByTestId('mission-create-form');
    await form.getByLabel('Template', { exact: true }).selectOption({ label: 'Clear every critical within SLA this week' });
    await form.getByLabel(/^Target/).fill('2');
    await form.getByLabel(/^Reward points/).fill('120');
    await form.getByRole('button', { name: 'Create mission' }).click();
    await form.getByText('Mission created: it is live now.').waitFor();
    const leadCard = lead.getByTestId('mission-card').filter({ hasText: 'Clear every critical within SLA this week' });
    await leadCard.waitFor();
    expect(await leadCard.textContent()).toContain('120 points');

    const eng = await pageAs('eng');
    await eng.goto('/missions');
    const card = eng.getByTestId('missions-mine').getByTestId('mission-card').filter({ hasText: 'Clear every critical within SLA this week' });
    await card.waitFor();
    const bar = card.getByRole('progressbar', { name: 'Progress: Clear every critical within SLA this week' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('2');

    // a matching alarm cleared by the engineer: the bar moves without a reload
    await raiseAlarms(t, [{ key: 'MIS-1', severity: 'critical', title: 'LinkDown on MIS-1' }]);
    await actAs(t, await login(t.url, 'eng'), 'MIS-1', 'clear');
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 5000 }).toBe('1');
    expect(await bar.getAttribute('aria-valuetext')).toBe('1 of 2');
    await eng.screenshot({ path: join(SCREENSHOTS, 'missions.png'), fullPage: true });

    // the console's compact panel shows it too
    await eng.goto('/');
    const panel = eng.getByTestId('mission-panel');
    await panel.getByRole('progressbar', { name: 'Progress: Clear every critical within SLA this week' }).waitFor();
    expect(await panel.getByRole('link', { name: 'All missions' }).getAttribute('href')).toBe('/missions');
  });

  it('an engineer proposes a badge, the lead approves it with a reason, and the engineer sees the decision', async () => {
    const eng = await pageAs('eng');
    await eng.goto('/missions');
    const form = eng.getByTestId('badge-propose-form');
    await form.getByLabel('Badge name').fill('Critical Sweeper');
    await form.getByRole('radio', { name: 'Wrench' }).check();
    await form.getByLabel('Description').fill('Clear three critical alarms.');
    await form.getByLabel('How many to earn it').fill('3');
    await form.getByLabel('Bonus points (up to 200)').fill('40');
    await form.getByLabel('Severity critical').check();
    await form.getByRole('button', { name: 'Send badge proposal' }).click();
    await form.getByText('Badge proposal sent to your lead.').waitFor();
    const mine = eng.getByTestId('my-proposals').getByTestId('my-proposal').filter({ hasText: 'Critical Sweeper' });
    await mine.waitFor();
    expect(await mine.getAttribute('data-status')).toBe('pending');

    const lead = await pageAs('lead');
    await lead.goto('/missions');
    const review = lead.getByTestId('proposal-review').filter({ hasText: 'Critical Sweeper' });
    await review.waitFor();
    expect(await review.textContent()).toContain('Proposed by Eve Engineer');
    // the chosen icon, drawn as SVG
    expect(await review.locator('svg.badge-icon--wrench').count()).toBe(1);
    // a decision needs a reason
    await review.getByRole('button', { name: 'Approve Critical Sweeper' }).click();
    await review.getByTestId('field-error').waitFor();
    await review.getByLabel('Reason for Eve Engineer').fill('Rewards the hardest work');
    await review.getByRole('button', { name: 'Approve Critical Sweeper' }).click();
    await review.waitFor({ state: 'detached' });

    await eng.reload();
    const decided = eng.getByTestId('my-proposal').filter({ hasText: 'Critical Sweeper' });
    await decided.and(eng.locator('[data-status="approved"]')).waitFor();
    expect(await decided.getByTestId('proposal-reason').textContent()).toBe('Reason: Rewards the hardest work');
    expect(await decided.textContent()).toContain('Approved by Leo Lead');
    expect(t.server.services.engine.badges.find((b) => b.id === 'custom-critical-sweeper')?.proposedBy).toBe('p-eng');
  });

  it('a rejected mission proposal shows its reason to the proposer', async () => {
    const eng = await pageAs('eng2');
    await eng.goto('/missions');
    const form = eng.getByTestId('mission-propose-form');
    await form.getByLabel('Template', { exact: true }).selectOption({ label: 'Ten first-time fixes this month' });
    await form.getByLabel(/^Title/).fill('Fix it first time');
    await form.getByRole('button', { name: 'Send proposal' }).click();
    await form.getByText('Proposal sent to your lead.').waitFor();

    const lead = await pageAs('lead');
    await lead.goto('/missions');
    const review = lead.getByTestId('proposal-review').filter({ hasText: 'Fix it first time' });
    await review.getByLabel('Reason for Ed Engineer').fill('The NOC does no truck-rolls');
    await review.getByRole('button', { name: 'Reject Fix it first time' }).click();
    await review.waitFor({ state: 'detached' });

    await eng.reload();
    const decided = eng.getByTestId('my-proposal').filter({ hasText: 'Fix it first time' });
    await decided.and(eng.locator('[data-status="rejected"]')).waitFor();
    expect(await decided.getByTestId('proposal-reason').textContent()).toBe('Reason: The NOC does no truck-rolls');
  });

  it('the missions page meets WCAG 2.1 AA for staff and leads, dark and light', async () => {
    // one proposal waiting, so the lead's review form is on screen
    const cookie = await login(t.url, 'eng2');
    const res = await fetch(`${t.url}/api/proposals/badges`, {
      method: 'POST',
      headers: requestHeaders({ cookie }, { 'content-type': 'application/json' }),
      body: JSON.stringify({ name: 'Night Watch', description: 'Clear alarms at night.', icon: 'moon', criteria: { stream: 'alarm', effect: 'resolved', counting: 'count', conditions: [{ kind: 'nightShift' }] }, threshold: 5, bonusPoints: 20 }),
    });
    expect(res.status).toBe(201);
    for (const theme of ['dark', 'light'] as const) {
      for (const [user, ready] of [
        ['eng', '[data-testid="my-proposal"]'],
        ['lead', '[data-testid="proposal-review"]'],
      ] as const) {
        const { context, page } = await newPage(browser, t.url);
        contexts.push(context);
        await signInContext(context, t.url, user, TEST_PASSWORD);
        await context.addInitScript((chosen) => {
          localStorage.setItem('opsquest-ui', JSON.stringify({ state: { theme: chosen }, version: 0 }));
        }, theme);
        await page.goto('/missions');
        await page.locator(ready).first().waitFor();
        await page.locator('[data-testid="mission-progress"]').first().waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        const found = await violations(page);
        expect(found, `${user}, ${theme}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
      }
    }
  });
});
