import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { postEvents, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

/**
 * Issue #14 in the browser: work done under a name that is nobody in OpsQuest paid nobody; an admin
 * maps the name to a person on the Admin page, after a confirmation, and the person is back-paid.
 */

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PHONE = { width: 360, height: 740 };
const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, WCAG_TAGS);
}

describe('unknown actors: an admin maps a name to a person and the person is back-paid', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    const alarm = (transition: string, at: number, actor?: string) => ({
      source: 'nms',
      stream: 'alarm',
      externalKey: 'STRANGER-1',
      transition,
      occurredAt: minutesAgo(at),
      ...(actor === undefined ? {} : { actor }),
      attributes: { perceivedSeverity: 'major', title: 'LinkDown on STR-1' },
    });
    for (const event of [alarm('raised', 10), alarm('acknowledged', 8, 'j.doe'), alarm('cleared', 2, 'j.doe')]) {
      expect((await postEvents(t.url, event)).status).toBe(201);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('choose the person, confirm, and the name leaves the list with what was paid said plainly', async () => {
    const before = (await t.server.repos.ledger.totalsByPerson()).get('p-eng2') ?? 0;
    const phone = await newPage(browser, t.url, PHONE);
    try {
      await loginThroughForm(phone.page, 'admin', TEST_PASSWORD);
      await phone.page.goto('/admin');
      const panel = phone.page.getByTestId('admin-unknown-actors');
      await panel.getByRole('row', { name: /j\.doe/ }).waitFor();
      // at 360 px the row and its mapping control fit the screen
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(phone.page)).toEqual([]);
      await panel.screenshot({ path: join(SCREENSHOTS, 'unknown-actors-360.png') });
    } finally {
      await phone.context.close();
    }

    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'admin', TEST_PASSWORD);
      await page.goto('/admin');
      const panel = page.getByTestId('admin-unknown-actors');
      const row = panel.getByRole('row', { name: /j\.doe/ });
      await row.waitFor();
      const mapButton = row.getByRole('button', { name: 'Map j.doe to a person' });
      expect(await mapButton.isDisabled()).toBe(true);
      await row.getByLabel('Person “j.doe” is').selectOption({ label: 'Ed Engineer' });
      await mapButton.click();
      const confirm = row.getByRole('group', { name: 'Map j.doe to Ed Engineer?' });
      await confirm.waitFor();
      expect(await confirm.textContent()).toMatch(/cannot be undone/);
      // nothing is paid before the confirmation
      expect((await t.server.repos.ledger.totalsByPerson()).get('p-eng2') ?? 0).toBe(before);
      expect(await axeViolations(page)).toEqual([]);
      await panel.screenshot({ path: join(SCREENSHOTS, 'unknown-actors.png') });
      await confirm.getByRole('button', { name: 'Map and back-pay' }).click();

      const status = page.getByTestId('actor-mapped');
      await expect.poll(() => status.textContent()).toMatch(/“j\.doe” is now Ed Engineer: 2 events, \d+ awards, \d+ points back-paid\./);
      const paid = Number(/(\d+) points/.exec((await status.textContent()) ?? '')?.[1]);
      expect(paid).toBeGreaterThan(0);
      expect((await t.server.repos.ledger.totalsByPerson()).get('p-eng2') ?? 0).toBe(before + paid);
      await expect.poll(() => panel.getByRole('row', { name: /j\.doe/ }).count()).toBe(0);
      expect(await panel.textContent()).toContain('No unknown actors');
    } finally {
      await context.close();
    }
  });
});
