import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/test-server';

const DOC = 'docs/SECURITY.md';
const SECTION = '## Headers the server sends';
const HSTS = 'max-age=31536000; includeSubDomains';

/** The section "Headers the server sends" of docs/SECURITY.md, up to the next `## ` heading. */
function headersSection(): string {
  const doc = readFileSync(fileURLToPath(new URL(`../../../../${DOC}`, import.meta.url)), 'utf8');
  const start = doc.indexOf(`\n${SECTION}\n`);
  if (start === -1) throw new Error(`${DOC} has no "${SECTION}" section`);
  const rest = doc.slice(start + SECTION.length + 2);
  const next = rest.search(/^## /m);
  return next === -1 ? rest : rest.slice(0, next);
}

/** The Content-Security-Policy the doc states: the first fenced code block of the section, on one line. */
function documentedCsp(): string {
  const fence = /^```[^\n]*\n([\s\S]*?)^```/m.exec(headersSection());
  if (!fence?.[1]) throw new Error(`${DOC}: "${SECTION}" has no fenced code block with the Content-Security-Policy`);
  const text = fence[1].trim();
  return text.replace(/^Content-Security-Policy:\s*/i, '');
}

const PATHS = ['/', '/api/health'];

describe(`security headers match ${DOC}`, () => {
  let t: TestServer;
  let trusted: TestServer;
  let secure: TestServer;
  beforeAll(async () => {
    [t, trusted, secure] = await Promise.all([startTestServer(), startTestServer({ config: { trustProxy: 'loopback' } }), startTestServer({ config: { secureCookies: true } })]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), trusted?.close(), secure?.close()]);
  });

  it('serves exactly the Content-Security-Policy the doc shows, on the console and the API', async () => {
    const documented = documentedCsp();
    expect(documented).toContain("default-src 'self'");
    for (const path of PATHS) {
      const res = await fetch(`${t.url}${path}`);
      await res.arrayBuffer();
      expect(res.headers.get('content-security-policy'), `${path}: served CSP differs from ${DOC} "${SECTION}"`).toBe(documented);
    }
  });

  it('with OPSQUEST_SECURE_COOKIES the CSP adds upgrade-insecure-requests, as the doc says', async () => {
    expect(headersSection()).toContain('upgrade-insecure-requests');
    const res = await fetch(`${secure.url}/api/health`);
    await res.arrayBuffer();
    const directives = (csp: string | null): string[] => (csp ?? '').split(';').map((d) => d.trim()).sort();
    expect(directives(res.headers.get('content-security-policy'))).toEqual(directives(`${documentedCsp()};upgrade-insecure-requests`));
  });

  it('sends the other helmet headers the doc lists', async () => {
    const section = headersSection();
    for (const path of PATHS) {
      const res = await fetch(`${t.url}${path}`);
      await res.arrayBuffer();
      for (const [name, value] of [
        ['X-Frame-Options', 'SAMEORIGIN'],
        ['X-Content-Type-Options', 'nosniff'],
        ['Referrer-Policy', 'no-referrer'],
        ['Cross-Origin-Opener-Policy', 'same-origin'],
        ['Cross-Origin-Resource-Policy', 'same-origin'],
        ['Origin-Agent-Cluster', '?1'],
        ['X-DNS-Prefetch-Control', 'off'],
        ['X-Download-Options', 'noopen'],
        ['X-Permitted-Cross-Domain-Policies', 'none'],
        ['X-XSS-Protection', '0'],
      ] as const) {
        expect(res.headers.get(name), `${path} ${name}`).toBe(value);
        expect(section, `${DOC} lists ${name}: ${value}`).toContain(`\`${name}: ${value}\``);
      }
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('no HSTS over plain HTTP by default, even if a client claims X-Forwarded-Proto: https', async () => {
    for (const path of PATHS) {
      for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
        const res = await fetch(`${t.url}${path}`, { headers });
        await res.arrayBuffer();
        expect(res.headers.get('strict-transport-security'), `${path} ${JSON.stringify(headers)}`).toBeNull();
      }
    }
  });

  it('HSTS for requests that came over TLS through a trusted proxy (trustProxy loopback + X-Forwarded-Proto: https)', async () => {
    expect(headersSection()).toContain(`\`Strict-Transport-Security: ${HSTS}\``);
    for (const path of PATHS) {
      const tls = await fetch(`${trusted.url}${path}`, { headers: { 'x-forwarded-proto': 'https' } });
      await tls.arrayBuffer();
      expect(tls.headers.get('strict-transport-security'), path).toBe(HSTS);
      const plain = await fetch(`${trusted.url}${path}`, { headers: { 'x-forwarded-proto': 'http' } });
      await plain.arrayBuffer();
      expect(plain.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('HSTS on every answer when OPSQUEST_SECURE_COOKIES is set', async () => {
    for (const path of PATHS) {
      const res = await fetch(`${secure.url}${path}`);
      await res.arrayBuffer();
      expect(res.headers.get('strict-transport-security'), path).toBe(HSTS);
    }
  });
});
