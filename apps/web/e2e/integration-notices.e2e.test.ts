import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../../server/test-support/test-server';
import { raiseAlarms } from './support/alarm-seed';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

/**
 * Issue #15 in the browser: an admin gives the Alertmanager key its allow-list and a severity label
 * of its own; a truncated group from an Alertmanager that is not on the list shows up, live, as an
 * integration notice on the admin page and as a banner above the NOC alarm board.
 */

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PHONE = { width: 360, height: 740 };
/** the key every test server has (OPSQUEST_API_KEY), with every scope */
const ENV_KEY_ID = 'env';
const ALLOWED_URL = 'http://alertmanager:9093';
const GAP_LINE = '12 alerts of group {alertname="SiteDown"} were not received from Alertmanager';

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

async function postAlertmanager(t: TestServer, body: unknown): Promise<Response> {
  return fetch(`${t.url}/api/integrations/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` },
    body: JSON.stringify(body),
  });
}

const firing = (fingerprint: string, labels: Record<string, string>, summary: string) => ({
  status: 'firing',
  labels,
  annotations: { summary },
  startsAt: minutesAgo(2),
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint,
});

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, WCAG_TAGS);
}

/** GETs of one API path this page made (to tell socket updates from refetches). */
function countGets(page: Page, path: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === 'GET' && new URL(request.url()).pathname === path) count += 1;
  });
  return () => count;
}

describe('integration notices: key settings, truncated groups on the admin page and above the alarm board', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await raiseAlarms(t, [
      { key: 'GAP-1', severity: 'critical', title: 'LinkDown on GAP-1', region: 'north', site: 'GAP-1' },
      { key: 'GAP-2', severity: 'minor', title: 'HighCpuLoad on GAP-2', region: 'north', site: 'GAP-2' },
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an admin sets the key’s Alertmanager URL and a severity label: the server’s 400 lands by the field, then both are saved and used', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'admin', TEST_PASSWORD);
      await page.goto('/admin');
      const row = page.locator(`[data-testid="key-row"][data-id="${ENV_KEY_ID}"]`);
      await row.waitFor();
      const keyName = ((await row.locator('th').textContent()) ?? '').trim();
      await row.getByRole('button', { name: `Settings for ${keyName}` }).click();
      const settings = page.getByTestId('key-settings');
      await settings.waitFor();
      expect(await settings.textContent()).toContain('the externalURL of your Alertmanager, e.g. http://alertmanager:9093');

      // Not a URL: the server refuses it and its message is shown under the URLs, naming the line.
      const urls = settings.getByLabel('Alertmanager URLs');
      await urls.fill('alertmanager:9093');
      await settings.getByRole('button', { name: 'Save' }).click();
      const urlError = settings.getByTestId('field-error');
      await urlError.waitFor();
      expect(await urlError.textContent()).toMatch(/Line 1 \(alertmanager:9093\):/);
      expect(await urls.getAttribute('aria-invalid')).toBe('true');

      await urls.fill(`${ALLOWED_URL}\n`);
      await settings.getByRole('button', { name: 'Add label' }).click();
      await settings.getByLabel('Severity label 1', { exact: true }).fill('P0');
      await settings.getByLabel('Severity of label 1', { exact: true }).selectOption('critical');
      await settings.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => settings.getByTestId('key-settings-status').textContent()).toBe('Saved');
      expect(await settings.getByTestId('field-error').count()).toBe(0);
      expect(await row.getByTestId('key-settings-summary').textContent()).toBe('1 Alertmanager URL · 1 severity label');

      const saved = (await t.server.services.integrationAdmin.listKeys()).find((k) => k.id === ENV_KEY_ID);
      expect(saved?.alertmanagerUrls).toEqual([ALLOWED_URL]);
      expect(saved?.severityMap).toEqual({ p0: 'critical' });

      // Kept: after a reload the editor shows what the server has.
      await page.reload();
      await row.getByRole('button', { name: `Settings for ${keyName}` }).click();
      await settings.waitFor();
      expect(await settings.getByLabel('Alertmanager URLs').inputValue()).toBe(ALLOWED_URL);
      expect(await settings.getByLabel('Severity label 1', { exact: true }).inputValue()).toBe('p0');
      expect(await settings.getByLabel('Severity of label 1', { exact: true }).inputValue()).toBe('critical');
      expect(await axeViolations(page)).toEqual([]);
      await settings.screenshot({ path: join(SCREENSHOTS, 'key-settings.png') });

      // And used: an alert labelled severity="P0" by this key's Alertmanager is critical (it is no built-in label).
      const res = await postAlertmanager(t, {
        version: '4',
        status: 'firing',
        groupLabels: { alertname: 'PowerLoss' },
        externalURL: ALLOWED_URL,
        alerts: [firing('power-p0', { alertname: 'PowerLoss', severity: 'P0', site: 'PWR-1' }, 'Power lost at PWR-1')],
      });
      expect(res.status).toBe(200);
      expect((await t.server.repos.workItems.findByKey('alarm:alertmanager:power-p0'))?.item.severity).toBe('critical');

      const phone = await newPage(browser, t.url, PHONE);
      try {
        await loginThroughForm(phone.page, 'admin', TEST_PASSWORD);
        await phone.page.goto('/admin');
        const phoneRow = phone.page.locator(`[data-testid="key-row"][data-id="${ENV_KEY_ID}"]`);
        await phoneRow.getByRole('button', { name: `Settings for ${keyName}` }).click();
        const phoneSettings = phone.page.getByTestId('key-settings');
        await phoneSettings.waitFor();
        expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await phoneSettings.screenshot({ path: join(SCREENSHOTS, 'key-settings-360.png') });
      } finally {
        await phone.context.close();
      }
    } finally {
      await context.close();
    }
  });

  it('a truncated group from an Alertmanager not on the allow-list shows up live: a notice for the admin, a banner above the board', async () => {
    const admin = await newPage(browser, t.url);
    const eng = await newPage(browser, t.url);
    try {
      await loginThroughForm(admin.page, 'admin', TEST_PASSWORD);
      const noticeReads = countGets(admin.page, '/api/admin/integration-notices');
      await admin.page.goto('/admin');
      const panel = admin.page.getByTestId('admin-integration-notices');
      await panel.getByText('No integration notices').waitFor();

      const gapReads = countGets(eng.page, '/api/alarms/gaps');
      await loginThroughForm(eng.page, 'eng', TEST_PASSWORD);
      await eng.page.getByTestId('alarm-row').first().waitFor();
      await expect.poll(gapReads).toBeGreaterThan(0);
      expect(await eng.page.getByTestId('alarm-gap').count()).toBe(0);
      // Both pages wait for the socket; nothing reloads from here on.
      await admin.page.waitForLoadState('networkidle');
      await eng.page.waitForLoadState('networkidle');
      const readsBefore = { notices: noticeReads(), gaps: gapReads() };
      for (const page of [admin.page, eng.page]) await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

      // Alertmanager left 12 alerts out (max_alerts); it is not the allowed one, so they cannot be fetched.
      const res = await postAlertmanager(t, {
        version: '4',
        groupKey: '{}:{alertname="SiteDown"}',
        truncatedAlerts: 12,
        status: 'firing',
        receiver: 'opsquest',
        groupLabels: { alertname: 'SiteDown' },
        commonLabels: { alertname: 'SiteDown', severity: 'critical' },
        externalURL: 'http://rogue-alertmanager:9093',
        alerts: [firing('sitedown-nth9', { alertname: 'SiteDown', severity: 'critical', site: 'NTH-9' }, 'Site NTH-9 down')],
      });
      expect(res.status).toBe(200);

      // The admin's panel, live.
      const notice = panel.locator('[data-testid="integration-notice"][data-kind="truncated"]');
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.getAttribute('data-state')).toBe('open');
      expect(await notice.getByTestId('notice-headline').textContent()).toMatch(/^12 alerts of group \{alertname="SiteDown"\} were not received — \S.*/);
      expect(await notice.getByTestId('notice-key').textContent()).toBe((await t.server.services.integrationAdmin.listKeys()).find((k) => k.id === ENV_KEY_ID)?.name);
      expect(await notice.getByTestId('notice-occurrences').textContent()).toBe('1');
      expect(await panel.textContent()).toContain('1 open');

      // The NOC board, live.
      const gap = eng.page.getByTestId('alarm-gap');
      await gap.first().waitFor({ timeout: 10_000 });
      expect(await gap.allTextContents()).toEqual([GAP_LINE]);
      expect(await eng.page.getByTestId('alarm-gaps').getAttribute('role')).toBe('alert');
      // Above the board.
      const bannerBox = await eng.page.getByTestId('alarm-gaps').boundingBox();
      const boardBox = await eng.page.getByTestId('alarm-queue').boundingBox();
      expect(bannerBox && boardBox && bannerBox.y + bannerBox.height <= boardBox.y).toBe(true);

      // By the socket: no page reload and no re-read of either list.
      for (const page of [admin.page, eng.page]) expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
      expect({ notices: noticeReads(), gaps: gapReads() }).toEqual(readsBefore);

      expect(await axeViolations(admin.page)).toEqual([]);
      expect(await axeViolations(eng.page)).toEqual([]);
      await panel.screenshot({ path: join(SCREENSHOTS, 'integration-notices.png') });
      await eng.page.evaluate(() => window.scrollTo(0, 0));
      await eng.page.screenshot({ path: join(SCREENSHOTS, 'alarm-gaps.png') });

      // The alarm's own page says it too.
      await eng.page.getByTestId('alarm-row').filter({ hasText: 'Site NTH-9 down' }).getByTestId('alarm-link').click();
      await eng.page.getByTestId('alarm-detail').waitFor();
      await eng.page.getByTestId('alarm-gap').first().waitFor();
      expect(await eng.page.getByTestId('alarm-gap').allTextContents()).toEqual([GAP_LINE]);
      expect(await eng.page.getByTestId('alarm-gaps').textContent()).toContain('this alarm’s group may be the one');
      expect(await axeViolations(eng.page)).toEqual([]);
      await eng.page.screenshot({ path: join(SCREENSHOTS, 'alarm-detail-gaps.png') });
    } finally {
      await admin.context.close();
      await eng.context.close();
    }
  });

  it('on a phone (360 px) the banner and the notice read without sideways scrolling', async () => {
    const phoneEng = await newPage(browser, t.url, PHONE);
    const phoneAdmin = await newPage(browser, t.url, PHONE);
    try {
      await loginThroughForm(phoneEng.page, 'eng', TEST_PASSWORD);
      await phoneEng.page.getByTestId('alarm-gap').first().waitFor();
      expect(await phoneEng.page.getByTestId('alarm-gap').allTextContents()).toEqual([GAP_LINE]);
      expect(await phoneEng.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await phoneEng.page.evaluate(() => window.scrollTo(0, 0));
      await phoneEng.page.screenshot({ path: join(SCREENSHOTS, 'alarm-gaps-360.png') });

      await loginThroughForm(phoneAdmin.page, 'admin', TEST_PASSWORD);
      await phoneAdmin.page.goto('/admin');
      const phonePanel = phoneAdmin.page.getByTestId('admin-integration-notices');
      await phonePanel.getByTestId('integration-notice').first().waitFor();
      expect(await phoneAdmin.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await phonePanel.screenshot({ path: join(SCREENSHOTS, 'integration-notices-360.png') });
    } finally {
      await phoneEng.context.close();
      await phoneAdmin.context.close();
    }
  });
});
