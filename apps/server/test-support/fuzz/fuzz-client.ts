import { requestHeaders } from '../http';
import { TEST_API_KEY } from '../test-server';
import type { BodyCase } from './fuzz-request-arbitraries';
import type { FuzzAuth, FuzzUser } from './fuzz-targets';

/**
 * Sends fuzzed requests the way a real client would (session cookie with its CSRF header, or the
 * API key) and checks every answer against the API's promises: never a 5xx, JSON errors with
 * `error` and `message`, and validation errors that name fields which exist in the request.
 */

export interface FuzzRequest {
  method: string;
  /** path and query, already encoded */
  path: string;
  body: BodyCase;
  auth: FuzzAuth;
  headers?: Record<string, string>;
  /** a JSON body's content type when not application/json */
  jsonType?: string;
}

export interface FuzzResponse {
  status: number;
  contentType: string;
  /** the body; undefined for a large success answer left unread (see sendFuzz) */
  text: string | undefined;
}

/** Success answers larger than this are not read: lists fill up with fuzzed rows, and reading them was most of the client's time. */
const READ_SUCCESS_LIMIT = 64 * 1024;

export interface Credentials {
  url: string;
  cookies: Partial<Record<FuzzUser, string>>;
}

export async function sendFuzz(creds: Credentials, req: FuzzRequest, options: { readAll?: boolean } = {}): Promise<FuzzResponse> {
  const base: Record<string, string> = { ...req.headers };
  let payload: string | undefined;
  if (req.body.kind === 'json') {
    // JSON.stringify(undefined) is undefined: a mutation that removed everything sends an empty body
    payload = JSON.stringify(req.body.value) ?? '';
    base['content-type'] = req.jsonType ?? 'application/json';
  } else if (req.body.kind === 'raw') {
    payload = req.body.text;
    base['content-type'] = req.body.contentType;
  }
  if (req.auth === 'apiKey') base.authorization = `Bearer ${TEST_API_KEY}`;
  const cookie = req.auth === 'none' || req.auth === 'apiKey' ? undefined : creds.cookies[req.auth];
  if (req.auth !== 'none' && req.auth !== 'apiKey' && !cookie) throw new Error(`no session for ${req.auth}`);
  const headers = requestHeaders(cookie ? { cookie } : {}, base);
  let res: Response;
  try {
    res = await fetch(`${creds.url}${req.path}`, { method: req.method, headers, ...(payload === undefined ? {} : { body: payload }) });
  } catch (err) {
    // undici says only "fetch failed": the cause (a reset connection, a refused one) is what matters
    const cause = err instanceof Error && err.cause instanceof Error ? `${err.cause.name}: ${err.cause.message} ${(err.cause as { code?: unknown }).code ?? ''}` : '';
    throw new Error(`no answer: ${err instanceof Error ? err.message : String(err)} ${cause}`, { cause: err });
  }
  const contentType = res.headers.get('content-type') ?? '';
  if (!options.readAll && res.status < 300 && Number(res.headers.get('content-length') ?? 0) > READ_SUCCESS_LIMIT) {
    await res.body?.cancel();
    return { status: res.status, contentType, text: undefined };
  }
  return { status: res.status, contentType, text: await res.text() };
}

const WHERE = new Set(['body', 'query', 'params', 'headers']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Whether a field path (below `body.`) leads into `value`: through keys that exist, ending at a key
 * of an object that exists (a missing field is named by its key under its parent). The server joins
 * path segments with dots, so a key may itself contain dots: every way of reading the path is tried.
 */
export function pointsInto(value: unknown, rest: string): boolean {
  if (Array.isArray(value) || isRecord(value)) {
    for (const key of Object.keys(value)) {
      if (rest === key) return true;
      if (rest.startsWith(`${key}.`) && pointsInto((value as Record<string, unknown>)[key], rest.slice(key.length + 1))) return true;
    }
    // a missing field: one more segment under an object that exists
    return !rest.includes('.');
  }
  // a value a transform turned into a list (`state=a,b` -> state.1) is still named by its parent
  return typeof value === 'string';
}

export interface CheckContext {
  /** the route answers with HTML or CSS on success */
  nonJson?: boolean;
}

/** Everything wrong with one answer (empty when it keeps every promise). */
export function violations(req: FuzzRequest, res: FuzzResponse, ctx: CheckContext = {}): string[] {
  const out: string[] = [];
  if (res.status >= 500) out.push(`server error ${res.status}: ${(res.text ?? '').slice(0, 300)}`);
  if (res.status === 204 && res.text !== '') out.push('204 with a body');
  if (res.text === '') {
    if (res.status >= 400) out.push(`${res.status} without a body`);
    return out;
  }
  const isJson = /^application\/json/i.test(res.contentType);
  if (!isJson) {
    if (!(ctx.nonJson && res.status < 400)) out.push(`${res.status} answered as ${res.contentType || 'no content type'}, not JSON`);
    return out;
  }
  if (res.text === undefined) return out;
  let body: unknown;
  try {
    body = JSON.parse(res.text) as unknown;
  } catch {
    out.push(`${res.status} with a body that is not JSON: ${res.text.slice(0, 200)}`);
    return out;
  }
  if (res.status < 400) return out;
  if (!isRecord(body) || typeof body.error !== 'string' || body.error === '' || typeof body.message !== 'string' || body.message === '') {
    out.push(`${res.status} without error and message: ${res.text.slice(0, 300)}`);
    return out;
  }
  if (body.error !== 'validation_failed') return out;
  const fields = body.fields;
  if (!Array.isArray(fields) || fields.length === 0) {
    out.push(`validation_failed without fields: ${res.text.slice(0, 300)}`);
    return out;
  }
  for (const f of fields as unknown[]) {
    if (!isRecord(f) || typeof f.path !== 'string' || f.path === '' || typeof f.message !== 'string' || f.message === '') {
      out.push(`a field without path or message: ${JSON.stringify(f).slice(0, 200)}`);
      continue;
    }
    const where = f.path.split('.')[0] ?? '';
    if (!WHERE.has(where)) out.push(`field path ${f.path} does not start with body, query, params or headers`);
    // an empty body reads as {} (JSON.stringify(undefined) sends nothing)
    else if (where === 'body' && req.body.kind === 'json' && f.path !== 'body' && !pointsInto(req.body.value ?? {}, f.path.slice('body.'.length))) {
      out.push(`field path ${f.path} does not point into the body sent`);
    }
  }
  const first = (fields[0] as { path?: unknown }).path;
  if (typeof first === 'string' && !body.message.includes(first)) out.push(`the message does not name the first field ${first}: ${body.message.slice(0, 200)}`);
  return out;
}

/** A short description of a request for failure messages. */
export function describeRequest(req: FuzzRequest): string {
  const body = req.body.kind === 'json' ? (JSON.stringify(req.body.value) ?? '(undefined)') : req.body.kind === 'raw' ? `raw ${req.body.contentType}: ${JSON.stringify(req.body.text)}` : '(no body)';
  const cut = (s: string) => (s.length > 600 ? `${s.slice(0, 600)}... (${s.length} chars)` : s);
  return `${req.method} ${cut(req.path)} as ${req.auth}${req.jsonType ? ` (${req.jsonType})` : ''} body ${cut(body)}`;
}
