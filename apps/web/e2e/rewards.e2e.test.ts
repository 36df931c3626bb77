import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlarms } from './support/alarm-seed';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';
import { postJson } from '../../server/test-support/http';
import { login } from '../../server/test-support/test-server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
/** An acknowledge or a clear waits this long (undoable) before it is sent, plus the round trip. */
const SENT_WITHIN = 15_000;

const rowFor = (page: Page, title: string): Locator => page.getByTestId('alarm-row').filter({ hasText: title });

/** The boxes of two elements overlap (touching edges do not count). */
function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('rewards that feel like a game', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestServer();
    await raiseAlarms(t, [
      { key: 'RW1', severity: 'critical', title: 'LinkDown on RWD-101', region: 'north', site: 'RWD-101' },
      { key: 'RW2', severity: 'critical', title: 'PowerFail on RWD-202', region: 'south', site: 'RWD-202' },
      { key: 'RW3', severity: 'major', title: 'FanFail on RWD-303', region: 'south', site: 'RWD-303' },
      { key: 'RW4', severity: 'major', title: 'HighTemp on RWD-404', region: 'east', site: 'RWD-404' },
      { key: 'RW5', severity: 'minor', title: 'Flapping on RWD-505', region: 'east', site: 'RWD-505' },
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an acknowledgement shows "+N pending" in the header and on its row; the clear banks the points and celebrates the badge', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      const row = rowFor(page, 'LinkDown on RWD-101');
      await row.waitFor();
      const banked = Number(await page.getByTestId('my-points').getAttribute('data-points'));
      await expect.poll(() => page.getByTestId('pending-points').count()).toBe(0);

      await row.getByRole('button', { name: 'Acknowledge', exact: true }).click();
      // the points wait for the follow-up: pending in the header (apart from the banked ones) and on the row
      const chip = page.getByTestId('pending-points');
      await chip.waitFor({ timeout: SENT_WITHIN });
      expect(await chip.textContent()).toMatch(/^\+\d+ pending/);
      const pending = Number(await chip.getAttribute('data-points'));
      expect(pending).toBeGreaterThan(0);
      expect(Number(await page.getByTestId('my-points').getAttribute('data-points'))).toBe(banked);
      expect(await row.getByTestId('row-reward').first().textContent()).toBe(`+${pending} pending`);
      expect(await page.getByTestId('toast').filter({ hasText: `+${pending} pending` }).count()).toBe(1);

      // the clear pays them: banked points move, the pending chip goes, the badge is celebrated
      await row.getByRole('button', { name: 'Clear', exact: true }).click();
      const celebration = page.getByRole('status').filter({ hasText: /Badge earned: First Responder/ });
      await celebration.waitFor({ timeout: SENT_WITHIN });
      expect(await page.getByTestId('celebration').getAttribute('data-motion')).toBe('full');
      expect(await page.getByTestId('celebration').locator('svg').count()).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, 'rewards-celebration.png') });
      await expect.poll(() => page.getByTestId('my-points').getAttribute('data-points').then(Number), { timeout: SENT_WITHIN }).toBeGreaterThan(banked);
      await expect.poll(() => chip.count()).toBe(0);
      // the points count up to the new total on screen
      const total = Number(await page.getByTestId('my-points').getAttribute('data-points'));
      await expect.poll(() => page.getByTestId('my-points-shown').textContent()).toBe(total.toLocaleString('en-US'));
      // the celebration goes by itself
      await expect.poll(() => page.getByTestId('celebration').count(), { timeout: 5_000 }).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('completing a mission is celebrated once, with the mission’s name', async () => {
    const lead = await login(t.url, 'lead', TEST_PASSWORD);
    const mission = await postJson(
      t.url,
      '/api/missions',
      { title: 'Clear one alarm this shift', criteria: { stream: 'alarm', effect: 'resolved', counting: 'count', conditions: [] }, target: 1, audience: { kind: 'people', personIds: ['p-eng2'] } },
      { cookie: lead },
    );
    expect(mission.status).toBe(201);
    await raiseAlarms(t, [{ key: 'RWM', severity: 'major', title: 'LinkDown on RWD-909', region: 'north', site: 'RWD-909' }]);
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'eng2', TEST_PASSWORD);
      const row = rowFor(page, 'LinkDown on RWD-909');
      await row.waitFor();
      await row.getByRole('button', { name: 'Clear', exact: true }).click();
      const celebration = page.getByTestId('celebration');
      await celebration.filter({ hasText: 'Mission complete' }).waitFor({ timeout: SENT_WITHIN });
      expect(await celebration.textContent()).toMatch(/Clear one alarm this shift/);
      await page.screenshot({ path: join(SCREENSHOTS, 'rewards-mission-complete.png') });
      // once: it goes by itself and does not come back on the next change
      await expect.poll(() => celebration.count(), { timeout: 8_000 }).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('with reduced motion the celebration is the same message without motion', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await loginThroughForm(page, 'eng2', TEST_PASSWORD);
      const row = rowFor(page, 'PowerFail on RWD-202');
      await row.waitFor();
      await row.getByRole('button', { name: 'Acknowledge', exact: true }).click();
      await page.getByTestId('pending-points').waitFor({ timeout: SENT_WITHIN });
      await row.getByRole('button', { name: 'Clear', exact: true }).click();
      await page.getByRole('status').filter({ hasText: /Badge earned: First Responder/ }).waitFor({ timeout: SENT_WITHIN });
      const card = page.getByTestId('celebration');
      expect(await card.getAttribute('data-motion')).toBe('reduced');
      expect(await card.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
      expect(await card.locator('.celebration__icon').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    } finally {
      await context.close();
    }
  });

  it('a lead gets no personal game header until they choose to take part', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'lead', TEST_PASSWORD);
      await page.locator('.topbar').waitFor();
      await page.locator('#main').waitFor();
      // the profile has loaded (the sign-in answers with it; no loading line left) and there is no header strip
      await expect.poll(() => page.getByText('Loading your profile…').count()).toBe(0);
      expect(await page.getByTestId('profile-summary').count()).toBe(0);
      expect(await page.getByTestId('my-points').count()).toBe(0);

      await page.goto('/profile');
      const choice = page.getByRole('switch', { name: 'Take part in the game myself' });
      await choice.waitFor();
      expect(await choice.isChecked()).toBe(false);
      await choice.check();
      await page.getByTestId('profile-summary').waitFor();
      await page.reload();
      await page.getByTestId('profile-summary').waitFor();
      await page.getByRole('switch', { name: 'Take part in the game myself' }).uncheck();
      await expect.poll(() => page.getByTestId('profile-summary').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('sound is off until the one switch turns it on, and the choice stays on this device', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      await page.goto('/profile');
      const sound = page.getByRole('switch', { name: 'Play a sound with celebrations' });
      await sound.waitFor();
      expect(await sound.isChecked()).toBe(false);
      await sound.check();
      await page.reload();
      expect(await page.getByRole('switch', { name: 'Play a sound with celebrations' }).isChecked()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('on a 360 px phone the newest toast sits in the top bar, counts the others, and is over no button', async () => {
    const { page, context } = await newPage(browser, t.url, { width: 360, height: 740 });
    try {
      await loginThroughForm(page, 'eng', TEST_PASSWORD);
      for (const title of ['FanFail on RWD-303', 'HighTemp on RWD-404', 'Flapping on RWD-505']) await rowFor(page, title).waitFor();
      // three acknowledgements in a row, each with points waiting: three toasts at once
      for (const title of ['FanFail on RWD-303', 'HighTemp on RWD-404', 'Flapping on RWD-505']) {
        await rowFor(page, title).getByRole('button', { name: 'Acknowledge', exact: true }).click();
      }
      await page.getByTestId('toast').first().waitFor({ timeout: SENT_WITHIN });
      await page.evaluate(() => window.scrollTo(0, 0));
      // one toast on a phone; the others are counted on it ("+N more")
      await expect.poll(() => page.getByTestId('toasts-more').textContent(), { timeout: SENT_WITHIN }).toBe('+2 more');
      expect(await page.getByTestId('toast').count()).toBe(1);
      expect(await page.getByTestId('toast').textContent()).toMatch(/\+\d+ pending/);
      // measured where it rests, not halfway through sliding in
      await page.getByTestId('toast').evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished.catch(() => undefined))));
      await page.screenshot({ path: join(SCREENSHOTS, 'rewards-toasts-360.png') });

      const toastBoxes = await page.getByTestId('toast').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
      const buttonBoxes = await page
        .locator('button, a[role="button"], [role="switch"]')
        .evaluateAll((els) =>
          els
            .filter((el) => !el.closest('[data-testid="toasts"]'))
            .map((el) => ({ name: el.getAttribute('aria-label') ?? el.textContent ?? '', box: el.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number } }))
            .filter((b) => b.box.width > 0 && b.box.height > 0),
        );
      expect(buttonBoxes.length).toBeGreaterThan(3);
      for (const toast of toastBoxes) {
        // inside the top bar, inside the screen's width
        const bar = await page.locator('.topbar').evaluate((el) => el.getBoundingClientRect().toJSON() as { y: number; height: number });
        expect(toast.y).toBeGreaterThanOrEqual(bar.y);
        expect(toast.y + toast.height).toBeLessThanOrEqual(bar.y + bar.height);
        expect(toast.x).toBeGreaterThanOrEqual(0);
        expect(toast.x + toast.width).toBeLessThanOrEqual(360);
        for (const button of buttonBoxes) expect({ button: button.name, overlaps: overlaps(toast, button.box) }).toEqual({ button: button.name, overlaps: false });
      }
    } finally {
      await context.close();
    }
  });
});
