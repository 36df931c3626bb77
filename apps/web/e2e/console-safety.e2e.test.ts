import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmRecord, raiseAlarms } from './support/alarm-seed';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');

const rowsOf = (page: Page) => page.getByTestId('alarm-row');
const rowFor = (page: Page, title: string) => rowsOf(page).filter({ hasText: title });
const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function blur(page: Page): Promise<void> {
  await page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement) active.blur();
  });
}

/** The focused element: which row it is, whether the person chose it, and its outline. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return undefined;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      testId: el.dataset.testid,
      title: el.querySelector('[data-testid="alarm-link"]')?.textContent?.trim(),
      chosen: el.dataset.chosen,
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth),
      inView: box.top >= 0 && box.bottom <= window.innerHeight,
    };
  });
}

describe('console safety: keys act only on the alarm you chose, and acknowledge/clear wait 5 s for an undo', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await raiseAlarms(t, [
      { key: 'S1', severity: 'critical', title: 'Safety one on SAF-1', region: 'safety', site: 'SAF-1' },
      { key: 'S2', severity: 'major', title: 'Safety two on SAF-2', region: 'safety', site: 'SAF-2' },
      { key: 'S3', severity: 'minor', title: 'Safety three on SAF-3', region: 'safety', site: 'SAF-3' },
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('undo sends nothing; after an acknowledge leaves the filtered list, c does nothing until j/k choose again', async () => {
    const { page, context } = await newPage(browser, t.url, { width: 1280, height: 800 });
    const actionPosts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/work-items\/(\d+\/actions|bulk-actions)$/.test(new URL(request.url()).pathname)) actionPosts.push(request.url());
    });
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      await rowsOf(page).first().waitFor();
      await page.getByTestId('region-filter').selectOption('safety');
      await page.getByTestId('ack-filter').selectOption('unacknowledged');
      await expect.poll(() => rowsOf(page).count()).toBe(3);
      await blur(page);
      const one = rowFor(page, 'Safety one');

      // (a) j then a: pending with Undo; Undo: nothing is ever sent.
      await page.keyboard.press('j');
      await expect.poll(() => one.getAttribute('data-chosen')).toBe('true');
      await page.keyboard.press('a');
      await expect.poll(() => one.getAttribute('data-pending-action')).toBe('acknowledge');
      expect(await one.getByTestId('row-pending').textContent()).toContain('Acknowledging…');
      expect(await page.getByTestId('pending-undo').textContent()).toContain('Safety one on SAF-1');
      await one.getByTestId('row-undo').click();
      await expect.poll(() => one.getAttribute('data-pending-action')).toBeNull();
      await wait(6_000);
      expect(actionPosts).toEqual([]);
      expect((await alarmRecord(t, 'S1'))?.item.ackState).not.toBe('acknowledged');
      expect(await one.getAttribute('data-ack-state')).toBe('unacknowledged');

      // (b) choose it again, a, and let the 5 s pass: sent once, and the row leaves the filtered list.
      await blur(page);
      await page.keyboard.press('k');
      await expect.poll(() => one.getAttribute('data-chosen')).toBe('true');
      await page.keyboard.press('a');
      await one.getByTestId('row-pending').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'alarm-undo.png') });
      await one.waitFor({ state: 'detached', timeout: 10_000 });
      expect((await alarmRecord(t, 'S1'))?.item.ackState).toBe('acknowledged');
      expect(actionPosts).toHaveLength(1);

      // Focus is on a visible neighbour with a focus ring, but it is not chosen.
      await expect.poll(async () => (await focused(page))?.title).toBe('Safety two on SAF-2');
      const ring = await focused(page);
      expect(ring?.testId).toBe('alarm-row');
      expect(ring?.chosen).toBe('false');
      expect(ring?.outlineStyle).not.toBe('none');
      expect(ring?.outlineWidth).toBeGreaterThanOrEqual(2);
      expect(ring?.inView).toBe(true);

      // c right away: nothing happens to the unseen alarm, and a notice says why.
      await page.keyboard.press('c');
      await expect.poll(async () => (await page.getByTestId('alarm-board-notice').textContent()) ?? '').toContain('The list changed');
      expect(await rowsOf(page).locator('[data-testid="row-pending"]').count()).toBe(0);
      await wait(6_000);
      expect((await alarmRecord(t, 'S2'))?.item.open).toBe(true);
      expect(actionPosts).toHaveLength(1);

      // j chooses again: c now clears (after the undo time), shown as pending with Undo; z takes it back.
      await page.keyboard.press('j');
      const three = rowFor(page, 'Safety three');
      await expect.poll(() => three.getAttribute('data-chosen')).toBe('true');
      expect(await page.getByTestId('alarm-board-notice').textContent()).toBe('');
      await page.keyboard.press('c');
      await expect.poll(async () => (await three.getByTestId('row-pending').textContent()) ?? '').toContain('Clearing…');
      expect(await three.getByTestId('row-undo').textContent()).toContain('Undo');
      await page.keyboard.press('z');
      await expect.poll(() => three.getAttribute('data-pending-action')).toBeNull();
      expect((await alarmRecord(t, 'S3'))?.item.open).toBe(true);
      expect(actionPosts).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
