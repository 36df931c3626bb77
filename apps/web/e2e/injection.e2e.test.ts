import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../server/test-support/http';
import { login } from '../../server/test-support/test-server';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { postEvents, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

/** Each would set window.__pwned if a page ever treated it as markup or code. */
const TITLE = `<img src=x onerror="window.__pwned='title'">Fibre cut`;
const OBJECT = `<script>window.__pwned='object'</script>`;
const SITE = `'; DROP TABLE events; --`;
const KUDOS = `<svg onload="window.__pwned='kudos'"></svg> javascript:alert(1) thanks!`;

interface Watched {
  page: Page;
  problems: string[];
}

/** A page that records script errors and CSP violations. */
async function watchedPage(browser: Browser, url: string): Promise<Watched & { close: () => Promise<void> }> {
  const { page, context } = await newPage(browser, url);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /content security policy/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems, close: () => context.close() };
}

async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
}

describe('injected markup and SQL are stored and shown as inert text', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestServer();
    const res = await postEvents(t.url, {
      source: 'nms',
      stream: 'alarm',
      externalKey: 'INJECT-1',
      transition: 'raised',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      attributes: { perceivedSeverity: 'critical', title: TITLE, alarmedObject: OBJECT, site: SITE, region: SITE, customersAffected: 10 },
    });
    if (res.status !== 201) throw new Error(`seeding the alarm failed: ${res.status}`);
    const kudos = await postJson(t.url, '/api/kudos', { toPersonId: 'p-eng', message: KUDOS }, { cookie: await login(t.url, 'lead') });
    if (kudos.status !== 201) throw new Error(`seeding kudos failed: ${kudos.status}`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the alarm board, the alarm page and the feed show the text literally, run nothing, and the tables are intact', async () => {
    const { page, problems, close } = await watchedPage(browser, t.url);
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      await page.goto('/');
      await page.getByText(TITLE).first().waitFor();
      await page.getByText(KUDOS).first().waitFor();
      await expectInert(page);

      await page.goto(`/alarms/${(await t.server.repos.workItems.findByKey('alarm:nms:INJECT-1'))?.id ?? 0}`);
      await page.getByText(OBJECT).first().waitFor();
      await page.getByText(SITE).first().waitFor();
      await expectInert(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
    const count = (table: string): number => (t.server.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('events')).toBe(1);
    expect(count('people')).toBeGreaterThan(0);
    expect((await t.server.repos.workItems.findByKey('alarm:nms:INJECT-1'))?.item).toMatchObject({ title: TITLE });
  });

  it('the wall shows the kudos line inert too', async () => {
    const { page, problems, close } = await watchedPage(browser, t.url);
    try {
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      await page.goto('/wall');
      await page.getByText(KUDOS, { exact: false }).first().waitFor();
      await expectInert(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
