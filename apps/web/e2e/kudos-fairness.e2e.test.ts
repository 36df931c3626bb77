import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../server/test-support/http';
import { login } from '../../server/test-support/test-server';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.1 A and AA violations on the page as it is now (axe-core). */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return found.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const row = (page: Page, id: string) => page.locator(`[data-testid="leaderboard-row"][data-id="${id}"]`);

describe('kudos and fairness', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestServer();
    // Everyone on this week's board: kudos from the admin and the lead (side awards, 5 points each).
    const admin = await login(t.url, 'admin');
    const lead = await login(t.url, 'lead');
    for (const [cookie, to] of [[admin, 'p-eng'], [admin, 'p-eng2'], [admin, 'p-tech'], [lead, 'p-eng2']] as const) {
      const res = await postJson(t.url, '/api/kudos', { toPersonId: to, message: 'Welcome aboard' }, { cookie });
      if (res.status !== 201) throw new Error(`seeding kudos failed: ${res.status}`);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the leaderboard opens around me in my league; an engineer gives kudos, the budget goes down and the feed shows it', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      await page.goto('/leaderboard');
      const table = page.getByTestId('leaderboard-table');
      await table.waitFor();
      expect(await table.getAttribute('data-mode')).toBe('around');
      expect(await page.getByTestId('mode-tabs').getByRole('tab', { name: 'Around me' }).getAttribute('aria-selected')).toBe('true');
      expect(await page.getByTestId('league-tabs').getByRole('tab', { name: 'My league' }).getAttribute('aria-selected')).toBe('true');
      await row(page, 'p-eng2').waitFor();
      expect(await page.locator('[data-testid="leaderboard-row"][data-me="true"]').getAttribute('data-id')).toBe('p-eng');
      // only engineers in my league: the technician (who has points) is not on it
      expect(await row(page, 'p-tech').count()).toBe(0);
      expect(await page.getByTestId('league-note').textContent()).toContain('NOC engineers');
      // Everyone is one click away
      await page.getByTestId('league-tabs').getByRole('tab', { name: 'Everyone' }).click();
      await page.waitForURL(/league=all/);
      await row(page, 'p-tech').waitFor();
      await page.getByTestId('league-tabs').getByRole('tab', { name: 'My league' }).click();
      await expect.poll(() => row(page, 'p-tech').count()).toBe(0);
      // no kudos button on my own row
      expect(await row(page, 'p-eng').getByTestId('give-kudos').count()).toBe(0);

      await row(page, 'p-eng2').getByRole('button', { name: 'Give kudos to Ed Engineer' }).click();
      const dialog = page.getByTestId('kudos-dialog');
      await dialog.waitFor();
      await expect.poll(() => dialog.getByTestId('kudos-left').textContent()).toContain('3 left today');
      expect(await violations(page)).toEqual([]);
      await dialog.getByLabel('Your message').fill('Thanks for the <b>handover</b> notes!');
      await page.screenshot({ path: join(SCREENSHOTS, 'kudos.png') });
      await dialog.getByRole('button', { name: 'Send kudos' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => t.server.repos.kudos.countGiven('p-eng', new Date().toISOString().slice(0, 10))).toBe(1);

      await row(page, 'p-eng2').getByRole('button', { name: 'Give kudos to Ed Engineer' }).click();
      await expect.poll(() => page.getByTestId('kudos-dialog').getByTestId('kudos-left').textContent()).toContain('2 left today');
      await page.getByTestId('kudos-dialog').getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('kudos-dialog').waitFor({ state: 'detached' });

      // The feed on the console shows it, as plain text.
      await page.goto('/');
      const item = page.locator('[data-testid="feed-item"][data-kind="kudos"]').filter({ hasText: 'handover' });
      await item.waitFor();
      expect(await item.textContent()).toContain('Eve Engineer gave kudos to Ed Engineer: “Thanks for the <b>handover</b> notes!”');
      expect(await item.locator('b').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a person opts out: a peer sees "Anonymous", their lead sees the name, they see "only you see your name"', async () => {
    const eng2 = await newPage(browser, t.url);
    const peer = await newPage(browser, t.url);
    const lead = await newPage(browser, t.url);
    try {
      await loginThroughForm(eng2.page, 'eng2', TEST_PASSWORD);
      await eng2.page.goto('/profile');
      const settings = eng2.page.getByTestId('profile-participation');
      const boards = settings.getByRole('switch', { name: 'Show my name on leaderboards' });
      await boards.waitFor();
      expect(await boards.isChecked()).toBe(true);
      await boards.click();
      await expect.poll(() => settings.getByTestId('participation-status').textContent()).toBe('Saved.');
      expect(await boards.isChecked()).toBe(false);
      expect(await settings.textContent()).toContain('Colleagues see “Anonymous” instead of you');
      expect((await t.server.repos.participation.find('p-eng2')).publicBoards).toBe(false);

      await eng2.page.goto('/leaderboard');
      await row(eng2.page, 'p-eng2').getByTestId('only-you').waitFor();

      await loginThroughForm(peer.page, 'eng', TEST_PASSWORD);
      await peer.page.goto('/leaderboard?view=top');
      await peer.page.locator('[data-testid="leaderboard-row"][data-anonymous="true"]').first().waitFor();
      expect(await row(peer.page, 'p-eng2').count()).toBe(0);
      const table = await peer.page.getByTestId('leaderboard-table').textContent();
      expect(table).toContain('Anonymous');
      expect(table).not.toContain('Ed Engineer');
      expect(await peer.page.locator('[data-testid="leaderboard-row"][data-anonymous="true"]').getByRole('link').count()).toBe(0);
      expect(await peer.page.locator('[data-testid="leaderboard-row"][data-anonymous="true"]').getByTestId('give-kudos').count()).toBe(0);

      await loginThroughForm(lead.page, 'lead', TEST_PASSWORD);
      await lead.page.goto('/leaderboard?view=top');
      await row(lead.page, 'p-eng2').waitFor();
      expect(await row(lead.page, 'p-eng2').textContent()).toContain('Ed Engineer');

      // Points per scheduled hour is one click away, labelled plainly, and passes the WCAG checks in both themes.
      await peer.page.getByTestId('metric-tabs').getByRole('tab', { name: 'Per hour' }).click();
      await peer.page.waitForURL(/metric=perHour/);
      await expect.poll(() => peer.page.getByTestId('leaderboard-table').getAttribute('data-metric')).toBe('perHour');
      await peer.page.getByRole('columnheader', { name: 'Points per scheduled hour' }).waitFor();
      expect(await violations(peer.page)).toEqual([]);
      await peer.page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
      expect(await violations(peer.page)).toEqual([]);
      await eng2.page.goto('/profile');
      await eng2.page.getByTestId('profile-participation').getByRole('switch').first().waitFor();
      expect(await violations(eng2.page)).toEqual([]);
    } finally {
      await eng2.context.close();
      await peer.context.close();
      await lead.context.close();
    }
  });
});
