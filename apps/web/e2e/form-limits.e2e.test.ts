import { API_KEY_NAME_MAX, type ApiError } from '@opsquest/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newPage } from './support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from './support/server';

/**
 * A form's inputs hold what the API takes, and what the API refuses comes back in plain words
 * naming the field, shown next to it.
 */
describe('form limits match the API, and its refusals read in plain words', () => {
  let t: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the integration key name holds 100 characters; the API answers a longer one with a sentence naming the field', async () => {
    const { page, context } = await newPage(browser, t.url);
    try {
      await loginThroughForm(page, 'admin', TEST_PASSWORD);
      await page.goto('/admin');
      const form = page.getByTestId('key-form');
      const name = form.getByLabel('Name');
      await name.waitFor();
      expect(API_KEY_NAME_MAX).toBe(100);
      expect(await name.getAttribute('maxlength')).toBe(String(API_KEY_NAME_MAX));
      await name.pressSequentially('k'.repeat(150), { delay: 0 });
      expect((await name.inputValue()).length).toBe(API_KEY_NAME_MAX);

      // The API itself, with the admin's session: 150 characters are refused, naming the field.
      const csrf = (await context.cookies()).find((c) => c.name === 'opsquest_csrf')?.value ?? '';
      const res = await page.request.post('/api/admin/api-keys', {
        headers: { 'X-CSRF-Token': csrf },
        data: { name: 'k'.repeat(150), scopes: ['events:write'] },
      });
      expect(res.status()).toBe(400);
      const body = (await res.json()) as ApiError;
      expect(body.fields).toEqual([{ path: 'body.name', message: 'Name must be at most 100 characters.' }]);
      expect(body.message).toBe('Name must be at most 100 characters (body.name).');

      // The form shows the server's words next to the field they name.
      await name.fill('   ');
      await form.getByRole('button', { name: 'Create key' }).click();
      const errors = form.getByTestId('field-error');
      await expect.poll(() => errors.count()).toBe(2);
      expect(await errors.allTextContents()).toEqual(['Name must not be empty.', 'Scopes must have at least 1 item.'].map((m) => expect.stringContaining(m)));
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('Name must not be empty.');
    } finally {
      await context.close();
    }
  });
});
