import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApiRoutes, type RouteEntry } from '../../../test-support/route-list';
import { validArb } from '../../../test-support/fuzz/fuzz-arbitraries';
import type { BodyCase } from '../../../test-support/fuzz/fuzz-request-arbitraries';
import { describeRequest, sendFuzz, violations, type FuzzRequest, type FuzzResponse } from '../../../test-support/fuzz/fuzz-client';
import { startFuzzServer, type FuzzServer } from '../../../test-support/fuzz/fuzz-setup';
import { FUZZ_TARGETS, paramNames, routeKey, type FuzzTarget } from '../../../test-support/fuzz/fuzz-targets';

/**
 * The transport rules on every route the server registers: bodies over 1 MB are 413, bodies that
 * are not JSON are 415, broken JSON is 400, unknown routes and methods are JSON 404s (405 on the
 * TMF resources) — all as JSON errors, never a 5xx, and the server keeps answering.
 */

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const IMPORT = 'POST /api/import';
const ALERTMANAGER = 'POST /api/integrations/alertmanager';

let fz: FuzzServer;
let routes: RouteEntry[];

function targetOf(r: RouteEntry): FuzzTarget {
  const t = FUZZ_TARGETS[routeKey(r)];
  if (!t) throw new Error(`no fuzz target for ${routeKey(r)}: describe it in fuzz-targets.ts`);
  return t;
}

/** The route's path with real ids in it, so the request is one the route could serve. */
function realPath(r: RouteEntry): string {
  const target = targetOf(r);
  let path = r.path;
  for (const name of paramNames(r.path)) path = path.replace(`:${name}`, encodeURIComponent(fz.hints[target.params?.[name]?.hint ?? 'person'][0] ?? 'x'));
  return path;
}

async function send(r: RouteEntry, body: BodyCase, method = r.method, path = realPath(r)): Promise<{ req: FuzzRequest; res: FuzzResponse; error: string }> {
  const target = targetOf(r);
  const req: FuzzRequest = { method, path, body, auth: target.auth, ...(target.spreadAddresses ? { headers: { 'x-forwarded-for': '203.0.113.7' } } : {}) };
  const res = await sendFuzz(fz.creds, req);
  const problems = violations(req, res, { nonJson: target.nonJson === true });
  if (problems.length) throw new Error(`${problems.join('; ')}\n  request: ${describeRequest(req)}`);
  const parsed = res.text ? (JSON.parse(res.text) as { error?: unknown }) : {};
  return { req, res, error: typeof parsed.error === 'string' ? parsed.error : '' };
}

const bodyRoutes = (): RouteEntry[] => routes.filter((r) => BODY_METHODS.has(r.method));

beforeAll(async () => {
  fz = await startFuzzServer();
  routes = listApiRoutes(fz.t.server.app);
});
afterAll(async () => {
  await fz?.t.close();
});

describe('transport rules on every route', () => {
  it('answers a body over 1 MB with a JSON 413 on every POST, PUT and PATCH route', async () => {
    const big: BodyCase = { kind: 'json', value: { padding: 'p'.repeat(1024 * 1024 + 100) } };
    const failures: string[] = [];
    for (const r of bodyRoutes()) {
      if (routeKey(r) === IMPORT) continue; // history import takes up to 50 MB: checked below
      if (routeKey(r) === ALERTMANAGER) continue; // storm-sized groups up to 32 MB: alertmanager-storm.test.ts checks its 413
      const { res, error } = await send(r, big);
      if (res.status !== 413 || error !== 'payload_too_large') failures.push(`${routeKey(r)} -> ${res.status} ${error}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers a history import over 50 MB with a JSON 413', async () => {
    const r = routes.find((x) => routeKey(x) === IMPORT);
    if (!r) throw new Error('no import route');
    const row = 'nms,alarm,K-1,raised,2026-01-05T10:00:00Z\n';
    const { res, error } = await send(r, { kind: 'raw', text: `source,stream,externalKey,transition,occurredAt\n${row.repeat(Math.ceil((50 * 1024 * 1024 + 1000) / row.length))}`, contentType: 'text/csv' });
    expect([res.status, error]).toEqual([413, 'payload_too_large']);
  });

  it('answers text, form and multipart bodies with a JSON 415 on every POST, PUT and PATCH route', async () => {
    const bodies: BodyCase[] = [
      { kind: 'raw', text: 'username=eng&password=x', contentType: 'text/plain' },
      { kind: 'raw', text: 'username=eng&password=x', contentType: 'application/x-www-form-urlencoded' },
      { kind: 'raw', text: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', contentType: 'multipart/form-data; boundary=x' },
      { kind: 'raw', text: '<a>1</a>', contentType: 'application/xml' },
    ];
    const failures: string[] = [];
    for (const r of bodyRoutes()) {
      for (const body of bodies) {
        const { res, error } = await send(r, body);
        if (res.status !== 415 || error !== 'unsupported_media_type') failures.push(`${routeKey(r)} ${body.kind === 'raw' ? body.contentType : ''} -> ${res.status} ${error}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('takes CSV and JSON lines on the import (and JSON is the one it refuses)', async () => {
    const r = routes.find((x) => routeKey(x) === IMPORT);
    if (!r) throw new Error('no import route');
    const csv = await send(r, { kind: 'raw', text: 'source,stream,externalKey,transition,occurredAt\nnms,alarm,T-CSV-1,raised,2026-01-05T10:00:00Z\n', contentType: 'text/csv' });
    expect(csv.res.status).toBe(200);
    const lines = await send(r, { kind: 'raw', text: '{"source":"nms","stream":"alarm","externalKey":"T-JL-1","transition":"raised","occurredAt":"2026-01-05T10:00:00Z"}\n', contentType: 'application/x-ndjson' });
    expect(lines.res.status).toBe(200);
    const json = await send(r, { kind: 'json', value: [{ source: 'nms' }] });
    expect([json.res.status, json.error]).toEqual([415, 'unsupported_media_type']);
  });

  it('answers malformed JSON with a JSON 400 on every JSON route', async () => {
    const broken = ['{"a": ', '{"a":1,}', "{'a':1}", '[1, 2', 'NaN', '{"a":1}{"b":2}'];
    const failures: string[] = [];
    for (const r of bodyRoutes()) {
      if (routeKey(r) === IMPORT) continue;
      for (const text of broken) {
        const { res, error } = await send(r, { kind: 'raw', text, contentType: 'application/json' });
        if (res.status !== 400 || error !== 'malformed_json') failures.push(`${routeKey(r)} ${JSON.stringify(text)} -> ${res.status} ${error}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers unknown routes under /api and /tmf-api with a JSON 404 for every method', async () => {
    const unknown = ['/api/nope', '/api/me/nope', '/api/work-items/1/nope/deeper', '/api/admin/nope', '/api/integrations/nope', '/api/integrations/alertmanager/nope', '/tmf-api/nope', '/tmf-api/alarm/v4/nope', '/tmf-api/alarm/v4/alarm/1/nope', '/tmf-api/productOrderingManagement/v4/nope', '/api/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/api/<script>'];
    const failures: string[] = [];
    for (const path of unknown) {
      for (const method of ALL_METHODS) {
        // each area checks its own credentials first (a session, a role, an API key): with the ones that
        // pass, the answer is the 404; with the others a JSON 401/403 is fine. Never a 5xx or HTML.
        const seen: string[] = [];
        for (const auth of ['eng', 'admin', 'apiKey', 'none'] as const) {
          const req: FuzzRequest = { method, path, body: BODY_METHODS.has(method) ? { kind: 'json', value: {} } : { kind: 'none' }, auth };
          const res = await sendFuzz(fz.creds, req);
          const problems = violations(req, res);
          const error = problems.length === 0 && res.text ? (JSON.parse(res.text) as { error?: string }).error : '';
          seen.push(`${auth}:${res.status}`);
          if (problems.length || ![401, 403, 404].includes(res.status)) failures.push(`${method} ${path} as ${auth} -> ${res.status} ${error} ${problems.join('; ')}`);
          if (res.status === 404 && error !== 'not_found') failures.push(`${method} ${path} as ${auth} -> 404 ${error}`);
        }
        if (!seen.some((s) => s.endsWith(':404'))) failures.push(`${method} ${path}: no 404 with any credentials (${seen.join(' ')})`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers a method a known path does not have with a JSON 404 (or 405 on TMF resources)', async () => {
    const byPath = new Map<string, RouteEntry[]>();
    for (const r of routes) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
    const failures: string[] = [];
    for (const [, entries] of byPath) {
      const first = entries[0];
      if (!first) continue;
      const methods = new Set(entries.map((e) => e.method));
      for (const method of ALL_METHODS) {
        if (methods.has(method)) continue;
        const body: BodyCase = BODY_METHODS.has(method) ? { kind: 'json', value: {} } : { kind: 'none' };
        const { res, error } = await send(first, body, method);
        // GET /api/work-items/bulk-actions is GET /api/work-items/:id with a bad id: a 400 naming params.id is right too
        const ok =
          (res.status === 404 && error === 'not_found') ||
          (res.status === 405 && error === 'method_not_allowed' && first.path.startsWith('/tmf-api/')) ||
          (res.status === 400 && error === 'validation_failed' && (res.text ?? '').includes('"params.'));
        if (!ok) failures.push(`${method} ${first.path} -> ${res.status} ${error}`);
      }
    }
    expect(failures).toEqual([]);
  });

  // Express's router throws a URIError (status 400) for a path parameter that is not valid percent-encoding.
  it('answers a path parameter with broken percent-encoding with a JSON 400, on every route with parameters', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => paramNames(x.path).length > 0)) {
      for (const bad of ['%', '%zz', '%E0%A4%A', '%FF']) {
        const path = r.path.replace(/:[A-Za-z0-9_]+/g, bad);
        const body: BodyCase = BODY_METHODS.has(r.method) ? { kind: 'json', value: {} } : { kind: 'none' };
        const req: FuzzRequest = { method: r.method, path, body, auth: targetOf(r).auth };
        const res = await sendFuzz(fz.creds, req);
        const problems = violations(req, res);
        if (res.status !== 400 || problems.length) failures.push(`${r.method} ${path} -> ${res.status} ${problems.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  // JSON.parse takes any depth but a recursive JSON.stringify of the raw body would overflow the stack:
  // limitJsonDepth (error-handler.ts) refuses bodies nested deeper than 64 levels.
  it('answers deeply nested JSON without a 5xx on every JSON route', async () => {
    const failures: string[] = [];
    for (const r of bodyRoutes()) {
      if (routeKey(r) === IMPORT) continue;
      // beside the fields of a few valid bodies, so routes that keep unknown keys get past validation
      const schema = targetOf(r).body;
      const samples = schema && schema !== 'import' ? fc.sample(validArb(schema, { strings: fz.strings }), { seed: 7, numRuns: 3 }) : [{}];
      for (const [depth, sample] of [5_000, 20_000].flatMap((d) => samples.map((v) => [d, v] as const))) {
        const fields = JSON.stringify(sample ?? {});
        const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
        const text = fields.startsWith('{') && fields !== '{}' ? `${fields.slice(0, -1)},"deep":${deep}}` : `{"deep":${deep}}`;
        const req: FuzzRequest = { method: r.method, path: realPath(r), body: { kind: 'raw', text, contentType: 'application/json' }, auth: targetOf(r).auth };
        const res = await sendFuzz(fz.creds, req);
        const problems = violations(req, res);
        if (problems.length) failures.push(`${routeKey(r)} depth ${depth} -> ${res.status} ${problems.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a request line over the header limit before Express, and keeps serving', async () => {
    // Node's HTTP parser refuses it before Express; the server's clientError handler still answers JSON
    const res = await fetch(`${fz.t.url}/api/people/${'i'.repeat(20_000)}`, { headers: { cookie: fz.creds.cookies.eng ?? '' } });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: 'headers_too_large' });
    expect((await fetch(`${fz.t.url}/api/health`)).status).toBe(200);
  });

  it('left the server up, logging no errors', async () => {
    const health = await fetch(`${fz.t.url}/api/health`);
    expect(health.status).toBe(200);
    expect(fz.serverErrors, fz.serverErrors.join('\n\n')).toEqual([]);
  });
});
