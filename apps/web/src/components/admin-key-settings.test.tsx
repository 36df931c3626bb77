// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ApiKeyView } from '@opsquest/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminKeys } from '../api/admin.queries';
import { AdminKeySettings } from './admin-key-settings';

const key = (extra: Partial<ApiKeyView> = {}): ApiKeyView => ({
  id: 'k-1',
  name: 'Alertmanager prod',
  prefix: 'abcd1234',
  scopes: ['alertmanager:write'],
  createdAt: '2026-11-20T08:00:00.000Z',
  createdBy: 'admin',
  lastUsedAt: null,
  revokedAt: null,
  alertmanagerUrls: [],
  severityMap: {},
  ...extra,
});

interface Sent {
  url: string;
  method: string;
  body: unknown;
}

function answerWith(status: number, body: unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET', body: JSON.parse(String(init.body)) });
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  });
  return sent;
}

function renderEditor(apiKey: ApiKeyView): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(adminKeys.apiKeys(), { keys: [apiKey] });
  render(
    <QueryClientProvider client={client}>
      <AdminKeySettings apiKey={apiKey} id="settings" onClose={() => undefined} />
    </QueryClientProvider>,
  );
  return client;
}

describe('AdminKeySettings: one key’s Alertmanager URLs and severity labels', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => cleanup());

  it('saves the URLs and labels, and the key list shows what the server kept', async () => {
    const saved = key({ alertmanagerUrls: ['http://alertmanager:9093'], severityMap: { p0: 'critical' } });
    const sent = answerWith(200, saved);
    const client = renderEditor(key());
    expect(screen.getByText(/the externalURL of your Alertmanager, e\.g\./)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Alertmanager URLs'), { target: { value: 'http://alertmanager:9093\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add label' }));
    fireEvent.change(screen.getByLabelText('Severity label 1'), { target: { value: 'P0' } });
    fireEvent.change(screen.getByLabelText('Severity of label 1'), { target: { value: 'critical' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('key-settings-status').textContent).toBe('Saved'));
    expect(sent).toEqual([{ url: '/api/admin/api-keys/k-1/settings', method: 'PUT', body: { alertmanagerUrls: ['http://alertmanager:9093'], severityMap: { p0: 'critical' } } }]);
    expect(client.getQueryData<{ keys: ApiKeyView[] }>(adminKeys.apiKeys())?.keys[0]).toEqual(saved);
    expect((screen.getByLabelText('Severity label 1') as HTMLInputElement).value).toBe('p0');
  });

  it('shows the server’s 400 message next to the field it names', async () => {
    answerWith(400, {
      error: 'validation_failed',
      message: 'Invalid request: body.alertmanagerUrls.0: must be an http(s) URL',
      fields: [{ path: 'body.alertmanagerUrls.0', message: 'must be an http(s) URL' }],
    });
    renderEditor(key());
    const urls = screen.getByLabelText('Alertmanager URLs');
    fireEvent.change(urls, { target: { value: 'alertmanager:9093' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('field-error').textContent).toContain('Line 1 (alertmanager:9093): must be an http(s) URL'));
    expect(urls.getAttribute('aria-invalid')).toBe('true');
    expect(urls.getAttribute('aria-describedby')).toContain(screen.getByTestId('field-error').id);
    expect(screen.getByTestId('key-settings-status').textContent).toMatch(/Not saved/);
  });

  it('shows no URLs to a key that sends no Alertmanager notifications, and keeps its URLs as they were', async () => {
    const sent = answerWith(200, key({ scopes: ['events:write'] }));
    renderEditor(key({ scopes: ['events:write'], alertmanagerUrls: ['http://old:9093'] }));
    expect(screen.queryByLabelText('Alertmanager URLs')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent.length).toBe(1));
    expect(sent[0]?.body).toEqual({ alertmanagerUrls: ['http://old:9093'], severityMap: {} });
  });

  it('does not send a label that is on two rows', () => {
    const sent = answerWith(200, key());
    renderEditor(key({ severityMap: { p0: 'critical' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Add label' }));
    fireEvent.change(screen.getByLabelText('Severity label 2'), { target: { value: 'P0' } });
    expect(screen.getByTestId('field-error').textContent).toContain('“p0” is already on a row above');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(sent.length).toBe(0);
    expect(screen.getByTestId('key-settings-status').textContent).toMatch(/Not saved/);
  });
});
