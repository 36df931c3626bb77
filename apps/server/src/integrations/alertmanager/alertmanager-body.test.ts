import { request, type IncomingHttpHeaders } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldPaths, postJson, waitFor } from '../../../test-support/http';
import { startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { ALERTMANAGER_MAX_BODY_BYTES } from './alertmanager.limits';
import type { AlertmanagerResult } from './alertmanager.routes';

const PATH = '/api/integrations/alertmanager';
const AUTH = `Bearer ${TEST_API_KEY}`;

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A POST with full control of headers and body bytes (node:http, no fetch niceties). */
function rawPost(url: string, headers: Record<string, string | number>, body: Buffer | string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${PATH}`, { method: 'POST', headers: { authorization: AUTH, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const alert = (fingerprint: string) => ({
  status: 'firing',
  labels: { alertname: 'BodyTest', severity: 'major', site: fingerprint },
  annotations: { summary: `Body test ${fingerprint}` },
  startsAt: '2026-11-20T08:30:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint,
});
const notification = (...fingerprints: string[]) => ({ receiver: 'opsquest', status: 'firing', alerts: fingerprints.map(alert), groupLabels: { alertname: 'BodyTest' }, externalURL: 'http://am.example.net:9093', version: '4', groupKey: '{}:{alertname="BodyTest"}', truncatedAlerts: 0 });

describe('POST /api/integrations/alertmanager: reading the body', () => {
  let t: TestServer;
  const NOW = Date.parse('2026-11-20T09:00:00Z');
  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW, config: { slaTimerMs: 3_600_000 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const item = async (fingerprint: string) => (await t.server.repos.workItems.findByKey(`alarm:alertmanager:${fingerprint}`))?.item;
  const healthy = async (): Promise<void> => expect((await fetch(`${t.url}/api/health`)).status).toBe(200);

  it('answers invalid JSON with a 400 malformed_json, the server keeps serving', async () => {
    for (const text of ['{"version":"4","alerts":[', '{"a":1,}', "{'a':1}", '[1, 2', 'NaN', '{"a":1}{"b":2}', '   ']) {
      const res = await postJson<{ error: string }>(t.url, PATH, text, { headers: { authorization: AUTH } });
      expect([res.status, res.body.error], text).toEqual([400, 'malformed_json']);
    }
    await healthy();
  });

  it('reads an empty body as {} (400 naming the fields), and a request without a body as a 400', async () => {
    const empty = await rawPost(t.url, { 'content-type': 'application/json', 'content-length': 0 }, '');
    expect(empty.status).toBe(400);
    expect(fieldPaths(JSON.parse(empty.body))).toEqual(expect.arrayContaining(['body.version', 'body.alerts']));
    const none = await fetch(`${t.url}${PATH}`, { method: 'POST', headers: { authorization: AUTH } });
    expect(none.status).toBe(400);
  });

  it('refuses nesting deeper than 64 levels with a 400 naming the body, without a stack overflow', async () => {
    const res = await postJson<unknown>(t.url, PATH, `{"version":"4","alerts":[],"deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, { headers: { authorization: AUTH } });
    expect(res.status).toBe(400);
    expect(fieldPaths(res.body)).toEqual(['body']);
  });

  it('takes gzip, deflate and br bodies, as express.json did; a broken one is a 400, an unknown encoding a 415', async () => {
    const codecs: [string, (b: Buffer) => Buffer][] = [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ];
    for (const [encoding, compress] of codecs) {
      const res = await rawPost(t.url, { 'content-type': 'application/json', 'content-encoding': encoding }, compress(Buffer.from(JSON.stringify(notification(`enc-${encoding}`)))));
      expect(res.status, encoding).toBe(200);
      expect(await item(`enc-${encoding}`), encoding).toMatchObject({ open: true });
    }
    const broken = await rawPost(t.url, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, Buffer.from('definitely not gzip'));
    expect(broken.status).toBe(400);
    const unknown = await rawPost(t.url, { 'content-type': 'application/json', 'content-encoding': 'compress' }, Buffer.from('{}'));
    expect(unknown.status).toBe(415);
  });

  it('decodes the charset of the Content-Type (utf-16le included, a BOM dropped); one that is not utf-* is a 415', async () => {
    const utf16 = await rawPost(t.url, { 'content-type': 'application/json; charset=UTF-16LE' }, Buffer.from(`\ufeff${JSON.stringify(notification('charset-ütf16'))}`, 'utf16le'));
    expect(utf16.status).toBe(200);
    expect(await item('charset-ütf16')).toMatchObject({ open: true });
    const bom = await rawPost(t.url, { 'content-type': 'application/json; charset=utf-8' }, Buffer.from(`\ufeff${JSON.stringify(notification('charset-bom'))}`));
    expect(bom.status).toBe(200);
    const latin1 = await rawPost(t.url, { 'content-type': 'application/json; charset=latin1' }, Buffer.from('{}'));
    expect(latin1.status).toBe(415);
    const text = await rawPost(t.url, { 'content-type': 'text/plain' }, Buffer.from('{}'));
    expect(text.status).toBe(415);
  });

  it('answers a Content-Length over the limit with 413 at once, without reading the body', { timeout: 30_000 }, async () => {
    const before = await t.server.repos.events.count();
    const answer = await new Promise<RawAnswer & { sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = request(`${t.url}${PATH}`, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/json', 'content-length': ALERTMANAGER_MAX_BODY_BYTES + 1 } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, sent }));
      });
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
      // only the first bytes: the answer must not wait for the rest
      req.write('{"version":"4","alerts":[');
      sent += 25;
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'payload_too_large' });
    expect(answer.sent).toBe(25);
    expect(await t.server.repos.events.count()).toBe(before);
    await healthy();
  });

  it('answers a chunked body that passes the limit with 413, stops reading and closes the connection', { timeout: 60_000 }, async () => {
    const before = await t.server.repos.events.count();
    const answer = await new Promise<RawAnswer & { sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request(`${t.url}${PATH}`, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        answered = true;
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, sent }));
      });
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
      const piece = `{"version":"4","alerts":[${JSON.stringify(alert('chunked-too-big'))}`;
      const filler = Buffer.from(`,${JSON.stringify({ ...alert('chunked-too-big'), annotations: { description: 'x'.repeat(60_000) } })}`);
      req.write(piece);
      // keep sending until the server answers (or far past the limit)
      const pump = (): void => {
        while (!answered && sent < ALERTMANAGER_MAX_BODY_BYTES * 2) {
          sent += filler.length;
          if (!req.write(filler)) {
            req.once('drain', pump);
            return;
          }
        }
        if (!answered) req.end(']}');
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(answer.sent).toBeGreaterThan(ALERTMANAGER_MAX_BODY_BYTES);
    expect(answer.sent).toBeLessThan(ALERTMANAGER_MAX_BODY_BYTES * 2);
    expect(await t.server.repos.events.count()).toBe(before);
    expect(await item('chunked-too-big')).toBeUndefined();
    await healthy();
  });

  it('survives a client that goes away mid-body (plain and gzip): nothing stored, the server keeps serving', { timeout: 30_000 }, async () => {
    const before = await t.server.repos.events.count();
    const full = Buffer.from(JSON.stringify(notification(...Array.from({ length: 2000 }, (_, i) => `aborted-${i}`))));
    for (const encoding of ['identity', 'gzip']) {
      const body = encoding === 'gzip' ? gzipSync(full) : full;
      await new Promise<void>((resolve) => {
        const req = request(`${t.url}${PATH}`, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': body.length } });
        req.on('error', () => resolve());
        req.write(body.subarray(0, Math.floor(body.length / 2)), () => {
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 50);
        });
      });
    }
    // the server noticed, stored nothing, and takes the next notification
    await new Promise((r) => setTimeout(r, 200));
    expect(await t.server.repos.events.count()).toBe(before);
    const next = await postJson<AlertmanagerResult>(t.url, PATH, notification('after-abort'), { headers: { authorization: AUTH } });
    expect(next.status).toBe(200);
    await waitFor(() => item('after-abort'), 'the alarm after the aborts');
    expect(await t.server.repos.events.count()).toBe(before + 1);
    await healthy();
  });
});
