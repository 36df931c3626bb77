import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApiRoutes } from '../../../test-support/route-list';
import { validArb, type ArbOptions } from '../../../test-support/fuzz/fuzz-arbitraries';
import { importBodyArb, jsonBodyArb, queryArb, segmentArb, type BodyCase } from '../../../test-support/fuzz/fuzz-request-arbitraries';
import { describeRequest, sendFuzz, violations, type FuzzRequest } from '../../../test-support/fuzz/fuzz-client';
import { startFuzzServer, type FuzzServer } from '../../../test-support/fuzz/fuzz-setup';
import { FUZZ_TARGETS, IMPORT_EVENT_SCHEMA, missingTargets, paramNames, seedFor, staleTargets, type FuzzTarget } from '../../../test-support/fuzz/fuzz-targets';

/**
 * Property-based fuzzing of every API route's body, query string and path parameters against one
 * real server: whatever arrives, the answer is never a 5xx, every error is JSON with `error` and
 * `message`, every validation error names fields that exist in the request, and the server stays up.
 * Seeds are fixed (per route, from BASE_SEED), so a failure reproduces; FUZZ_SCALE=4 runs 4x the cases.
 */

const BASE_SEED = 20_261_124;
const SCALE = Number(process.env.FUZZ_SCALE ?? 1) || 1;
/** Cases per route and part; 74 routes give ~11,000 cases. */
const RUNS = { body: 175 * SCALE, query: 50 * SCALE, path: 100 * SCALE };
const MIN_CASES = 10_000;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

let fz: FuzzServer;
let cases = 0;
const statusesByRoute = new Map<string, Map<number, number>>();

function tally(key: string, status: number): void {
  cases += 1;
  const m = statusesByRoute.get(key) ?? new Map<number, number>();
  m.set(status, (m.get(status) ?? 0) + 1);
  statusesByRoute.set(key, m);
}

async function check(key: string, target: FuzzTarget, req: FuzzRequest): Promise<void> {
  const res = await sendFuzz(fz.creds, req).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n  request: ${describeRequest(req)}`);
  });
  tally(key, res.status);
  const problems = violations(req, res, { nonJson: target.nonJson === true });
  if (problems.length) throw new Error(`${problems.join('; ')}\n  request: ${describeRequest(req)}`);
}

function bodyArbFor(target: FuzzTarget, opts: ArbOptions): fc.Arbitrary<BodyCase> {
  if (target.body === 'import') return importBodyArb(IMPORT_EVENT_SCHEMA, opts);
  return jsonBodyArb(target.body, opts);
}

/** A body the route should accept, so query and path fuzzing get past the body check. */
function validBodyArb(target: FuzzTarget, opts: ArbOptions): fc.Arbitrary<BodyCase> {
  if (target.body === 'import') return importBodyArb(IMPORT_EVENT_SCHEMA, opts);
  if (!target.body) return fc.constant<BodyCase>({ kind: 'none' });
  return validArb(target.body, opts).map((value): BodyCase => ({ kind: 'json', value }));
}

function fillPath(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => values[name] ?? 'x');
}

async function fuzzRoute(key: string): Promise<void> {
  const target = FUZZ_TARGETS[key];
  if (!target) throw new Error(`no target ${key}`);
  const [method = 'GET', pattern = '/'] = key.split(' ');
  const opts: ArbOptions = { strings: fz.strings };
  const names = paramNames(pattern);
  // the real ids (first hint) for the body and query parts, so those reach the services
  const realParams = Object.fromEntries(names.map((n) => [n, encodeURIComponent(fz.hints[target.params?.[n]?.hint ?? 'person'][0] ?? 'x')]));
  const extras = fc.record({
    forwardedFor: target.spreadAddresses ? fc.ipV4() : fc.constant(undefined),
    jsonType: target.altJsonType ? fc.option(fc.constant(target.altJsonType), { nil: undefined }) : fc.constant(undefined),
  });
  const request = (path: string, body: BodyCase, x: { forwardedFor: string | undefined; jsonType: string | undefined }): FuzzRequest => ({
    method,
    path,
    body,
    auth: target.auth,
    ...(x.forwardedFor ? { headers: { 'x-forwarded-for': x.forwardedFor } } : {}),
    ...(x.jsonType ? { jsonType: x.jsonType } : {}),
  });
  const shrink = process.env.FUZZ_SHRINK === '1';
  const weight = target.weight ?? 1;
  const params = <Ts,>(part: string, numRuns: number): fc.Parameters<Ts> => {
    const seed = seedFor(`${key} ${part}`, BASE_SEED);
    return {
      seed,
      numRuns: Math.max(5, Math.round(numRuns * weight)),
      // no shrinking by default (each step is an HTTP request; the seed reproduces the case anyway): FUZZ_SHRINK=1
      endOnFailure: !shrink,
      // fast-check would print the whole counterexample (bodies of several hundred KB): our error already describes it, cut short
      asyncReporter: (run: fc.RunDetails<Ts>) => {
        if (!run.failed) return Promise.resolve();
        const why = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
        return Promise.reject(new Error(`${key} ${part} fuzz failed (seed ${seed}, path "${run.counterexamplePath ?? ''}", after ${run.numRuns} cases): ${why}`));
      },
    };
  };

  if (BODY_METHODS.has(method)) {
    await fc.assert(
      fc.asyncProperty(bodyArbFor(target, opts), extras, (body, x) => check(key, target, request(fillPath(pattern, realParams), body, x))),
      params('body', RUNS.body),
    );
  }
  await fc.assert(
    fc.asyncProperty(queryArb(target.query, opts), validBodyArb(target, opts), extras, (q, body, x) => check(key, target, request(`${fillPath(pattern, realParams)}${q ? `?${q}` : ''}`, BODY_METHODS.has(method) ? body : { kind: 'none' }, x))),
    params('query', RUNS.query),
  );
  if (names.length) {
    const segments = fc.record(Object.fromEntries(names.map((n) => [n, segmentArb(target.params?.[n]?.schema, fz.hints[target.params?.[n]?.hint ?? 'person'], target.params?.[n]?.avoid)])));
    await fc.assert(
      fc.asyncProperty(segments, validBodyArb(target, opts), extras, (seg, body, x) => check(key, target, request(fillPath(pattern, seg), BODY_METHODS.has(method) ? body : { kind: 'none' }, x))),
      params('path', RUNS.path),
    );
  }
}

beforeAll(async () => {
  fz = await startFuzzServer();
});
afterAll(async () => {
  await fz?.t.close();
});

describe('the fuzz covers the API', () => {
  it('has a target for every route the server registers, and none for routes it no longer has', () => {
    const routes = listApiRoutes(fz.t.server.app);
    expect(routes.length).toBeGreaterThanOrEqual(74);
    expect(missingTargets(routes), 'describe these routes in fuzz-targets.ts').toEqual([]);
    expect(staleTargets(routes)).toEqual([]);
  });
});

describe.concurrent('fuzzed routes: never a 5xx, JSON errors that name the field', () => {
  for (const key of Object.keys(FUZZ_TARGETS)) {
    it(key, () => fuzzRoute(key), 120_000);
  }
});

describe('after the fuzz', () => {
  it(`ran at least ${MIN_CASES} cases, and every route answered beyond 401/403`, () => {
    const summary = [...statusesByRoute.entries()].map(([k, m]) => `${k}: ${[...m.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}x${n}`).join(' ')}`);
    console.log(`fuzz: ${cases} cases over ${statusesByRoute.size} routes (seed ${BASE_SEED})\n  ${summary.join('\n  ')}`);
    expect(cases).toBeGreaterThanOrEqual(MIN_CASES);
    expect(statusesByRoute.size).toBe(Object.keys(FUZZ_TARGETS).length);
    const onlyDenied = [...statusesByRoute.entries()].filter(([, m]) => [...m.keys()].every((s) => s === 401 || s === 403)).map(([k]) => k);
    expect(onlyDenied, 'these routes only ever answered 401/403: the fuzz did not reach them').toEqual([]);
  });

  it('left the server up, logging no errors', async () => {
    const health = await fetch(`${fz.t.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const me = await sendFuzz(fz.creds, { method: 'GET', path: '/api/me', body: { kind: 'none' }, auth: 'eng' });
    expect(me.status).toBe(200);
    expect(fz.serverErrors, fz.serverErrors.join('\n\n')).toEqual([]);
  });
});
