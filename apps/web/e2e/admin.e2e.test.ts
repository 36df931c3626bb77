import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { postEvents, startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback that answers 200 and keeps what it got. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/opsquest-awards`, received, close: () => new Promise((r) => server.close(() => r())) };
}

const alarmEvent = (externalKey: string) => ({
  source: 'nms',
  stream: 'alarm',
  externalKey,
  transition: 'raised',
  occurredAt: new Date().toISOString(),
  attributes: { perceivedSeverity: 'minor', title: `Admin test ${externalKey}` },
});

async function postWithKey(url: string, path: string, key: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  return res.status;
}

describe('admin page: integration keys and award webhooks', () => {
  let t: TestServer;
  let browser: Browser;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer({ config: { deliveryPeriodMs: 100 } });
    receiver = await startReceiver();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await t?.close();
  });

  it('an admin creates a scoped key, sees it once, uses it, sees its last use and revokes it', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
      await loginThroughForm(page, 'admin', TEST_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
      // The server's own key (from its config) is listed already.
      await page.getByTestId('key-table').waitFor();

      const form = page.getByTestId('key-form');
      // The server's validation lands next to the fields.
      await form.getByRole('button', { name: 'Create key' }).click();
      await form.getByTestId('field-error').first().waitFor();
      expect(await form.getByTestId('field-error').count()).toBe(2);
      expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('Name').fill('NMS east');
      await form.getByRole('checkbox', { name: /events:write/ }).check();
      expect(await form.getByText('Prometheus Alertmanager webhook').count()).toBe(1);
      await form.getByRole('button', { name: 'Create key' }).click();

      const shown = page.getByTestId('created-key');
      await shown.waitFor();
      expect(await shown.textContent()).toMatch(/will not be shown again/i);
      const key = ((await shown.getByTestId('secret-value').textContent()) ?? '').trim();
      expect(key).toMatch(/^oq_\S+_\S+$/);
      expect(await form.getByTestId('field-error').count()).toBe(0);

      await shown.getByRole('button', { name: 'Copy' }).click();
      await shown.getByText(/copied to the clipboard|copying is not available/i).waitFor();

      const row = page.getByTestId('key-row').filter({ hasText: 'NMS east' });
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('active');
      const shownPrefix = ((await row.locator('code').first().textContent()) ?? '').trim();
      expect(shownPrefix).toMatch(/^oq_.+_…$/);
      expect(key.startsWith(shownPrefix.slice(0, -1))).toBe(true);
      expect(await row.textContent()).toContain('admin');
      expect(((await row.getByTestId('key-last-used').textContent()) ?? '').trim()).toBe('never');

      // The key works for its scope only.
      expect(await postWithKey(t.url, '/api/events', key, alarmEvent('ADM-1'))).toBe(201);
      expect(await postWithKey(t.url, '/api/integrations/alertmanager', key, { version: '4', alerts: [] })).toBe(403);

      await page.reload();
      await row.waitFor();
      expect(await page.getByTestId('created-key').count()).toBe(0);
      expect(await page.content()).not.toContain(key);
      expect(((await row.getByTestId('key-last-used').textContent()) ?? '').trim()).not.toBe('never');

      // Revoke, with a confirm step.
      await row.getByRole('button', { name: 'Revoke NMS east' }).click();
      await row.getByRole('button', { name: 'Cancel' }).click();
      await row.getByRole('button', { name: 'Revoke NMS east' }).click();
      await row.getByRole('button', { name: 'Revoke now' }).click();
      await expect.poll(() => row.getAttribute('data-status')).toBe('revoked');
      expect(await row.getByTestId('key-status').textContent()).toMatch(/Revoked/);
      expect(await row.getByRole('button', { name: /revoke/i }).count()).toBe(0);
      expect(await postWithKey(t.url, '/api/events', key, alarmEvent('ADM-2'))).toBe(401);

      // A second key stays active (and makes the screenshot show both states).
      await form.getByLabel('Name').fill('Alertmanager prod');
      await form.getByRole('checkbox', { name: /alertmanager:write/ }).check();
      await form.getByRole('checkbox', { name: /tmf642:write/ }).check();
      await form.getByRole('button', { name: 'Create key' }).click();
      await page.getByTestId('key-row').filter({ hasText: 'Alertmanager prod' }).waitFor();
      await page.getByRole('button', { name: /I have stored it/ }).click();
      expect(await page.getByTestId('created-key').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('an admin adds a webhook, sees its secret once, and a signed award shows as delivered in the log', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'admin', TEST_PASSWORD);
      await page.goto('/admin');
      await page.getByText('No award webhooks yet').waitFor();

      const form = page.getByTestId('webhook-form');
      await form.getByLabel('Name').fill('HR recognition');
      await form.getByLabel('URL').fill('ftp://example.com/hook');
      await form.getByRole('button', { name: 'Add webhook' }).click();
      const urlError = form.getByTestId('field-error');
      await urlError.first().waitFor();
      expect(await urlError.count()).toBe(1);
      expect(await urlError.textContent()).toMatch(/http/i);
      expect(await form.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('URL').fill(receiver.url);
      expect(await form.getByRole('checkbox', { name: /points\.awarded/ }).isChecked()).toBe(true);
      await form.getByRole('checkbox', { name: /level\.up/ }).check();
      await form.getByRole('button', { name: 'Add webhook' }).click();

      const shown = page.getByTestId('created-webhook');
      await shown.waitFor();
      expect(await shown.textContent()).toMatch(/will not be shown again/i);
      expect(await shown.textContent()).toContain('X-OpsQuest-Signature');
      const secret = ((await shown.getByTestId('secret-value').textContent()) ?? '').trim();
      expect(secret.length).toBeGreaterThanOrEqual(16);

      const hook = page.getByTestId('webhook-item').filter({ hasText: 'HR recognition' });
      await hook.waitFor();
      expect(await hook.textContent()).toContain(receiver.url);

      // eng clears an alarm: points are awarded and sent to the receiver.
      const base = { source: 'nms', stream: 'alarm', externalKey: 'ADM-HOOK-1' } as const;
      const res = await postEvents(t.url, [
        { ...base, transition: 'raised', occurredAt: new Date(Date.now() - 60_000).toISOString(), attributes: { perceivedSeverity: 'major', title: 'Admin webhook alarm' } },
        { ...base, transition: 'cleared', occurredAt: new Date().toISOString(), actor: 'eng' },
      ]);
      expect(res.status).toBe(201);

      await hook.getByRole('button', { name: 'Delivery log' }).click();
      const log = hook.getByTestId('delivery-log');
      await log.waitFor();
      const delivered = log.locator('[data-testid="delivery-row"][data-status="delivered"]');
      await expect
        .poll(
          async () => {
            if ((await delivered.count()) > 0) return true;
            const refresh = log.getByRole('button', { name: /refresh/i });
            if (await refresh.isEnabled()) await refresh.click();
            return false;
          },
          { timeout: 15_000, interval: 300 },
        )
        .toBe(true);
      const first = delivered.first();
      expect(await first.getAttribute('data-event')).toBe('points.awarded');
      expect(await first.textContent()).toContain('Delivered');
      expect(await first.textContent()).toContain('HTTP 200');

      // What the receiver got is signed with the secret the page showed once.
      const got = receiver.received.find((r) => r.headers['x-opsquest-event'] === 'points.awarded');
      if (!got) throw new Error('the receiver got no points.awarded delivery');
      const expected = `sha256=${createHmac('sha256', secret).update(`${String(got.headers['x-opsquest-timestamp'])}.${got.body}`).digest('hex')}`;
      expect(got.headers['x-opsquest-signature']).toBe(expected);

      await page.getByRole('button', { name: /I have stored it/ }).click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SCREENSHOTS, 'admin.png'), fullPage: true });

      // On a phone: no sideways scrolling, tables as cards.
      const phone = await newPage(browser, t.url, { width: 360, height: 740 });
      try {
        await loginThroughForm(phone.page, 'admin', TEST_PASSWORD);
        await phone.page.goto('/admin');
        const phoneHook = phone.page.getByTestId('webhook-item').filter({ hasText: 'HR recognition' });
        await phoneHook.getByRole('button', { name: 'Delivery log' }).click();
        await phoneHook.locator('[data-testid="delivery-row"][data-status="delivered"]').first().waitFor();
        expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await phone.page.evaluate(() => window.scrollTo(0, 0));
        await phone.page.screenshot({ path: join(SCREENSHOTS, 'admin-360.png'), fullPage: true });
      } finally {
        await phone.context.close();
      }

      // Remove, with a confirm step: it stays listed as removed.
      await hook.getByRole('button', { name: 'Remove HR recognition' }).click();
      await hook.getByRole('button', { name: 'Remove now' }).click();
      await hook.getByText('Removed', { exact: true }).waitFor();
      expect(await hook.getByRole('button', { name: /remove/i }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('an admin switches weekly league tiers on, and the server keeps it', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'admin', TEST_PASSWORD);
      await page.goto('/admin');
      const tiers = page.getByRole('checkbox', { name: 'Weekly league tiers with promotion and demotion' });
      await tiers.waitFor();
      expect(await tiers.isChecked()).toBe(false);
      await tiers.check();
      await expect.poll(async () => (await t.server.services.leaderboard.leagueSettings()).tiers, { timeout: 5000 }).toBe(true);
      await page.reload();
      await page.getByRole('checkbox', { name: 'Weekly league tiers with promotion and demotion' }).waitFor();
      expect(await page.getByRole('checkbox', { name: 'Weekly league tiers with promotion and demotion' }).isChecked()).toBe(true);
      await tiers.uncheck();
      await expect.poll(async () => (await t.server.services.leaderboard.leagueSettings()).tiers, { timeout: 5000 }).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('an engineer has no Admin link and /admin says admins only', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Profile' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
      await page.goto('/admin');
      const denied = page.getByTestId('admins-only');
      await denied.waitFor();
      expect(await denied.textContent()).toMatch(/admins only/i);
      expect(await page.getByTestId('key-form').count()).toBe(0);
      expect(await page.getByTestId('webhook-form').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
