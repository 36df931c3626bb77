import { parse as parseCookie } from 'cookie';
import { io as connect, type Socket } from 'socket.io-client';
import { SESSION_COOKIE, type ApiError, type ClientToServerEvents, type ServerToClientEvents } from '@opsquest/contracts';
import { CSRF_HEADER, csrfTokenFor } from '../src/security/csrf';

/** A parsed JSON answer with its status and headers. */
export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

async function parse<T>(res: Response): Promise<JsonResponse<T>> {
  const text = await res.text();
  const body = (text === '' ? undefined : (JSON.parse(text) as unknown)) as T;
  return { status: res.status, headers: res.headers, body };
}

export interface RequestOptions {
  cookie?: string;
  headers?: Record<string, string>;
  /** false: leave out the X-CSRF-Token header a browser session sends with its changes */
  csrf?: boolean;
}

/** The headers a request with these options sends: the cookie and, like the SPA, the session's CSRF token. */
export function requestHeaders(options: RequestOptions, base: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { ...base, ...options.headers };
  if (!options.cookie) return headers;
  headers.cookie = options.cookie;
  const session = parseCookie(options.cookie)[SESSION_COOKIE];
  if (session && options.csrf !== false && !(CSRF_HEADER in headers)) headers[CSRF_HEADER] = csrfTokenFor(session);
  return headers;
}

/** GET a path and parse the JSON answer. */
export async function getJson<T>(url: string, path: string, options: RequestOptions = {}): Promise<JsonResponse<T>> {
  return parse<T>(await fetch(`${url}${path}`, { headers: requestHeaders(options) }));
}

/** POST a JSON body (or a raw string, sent as is) and parse the JSON answer. */
export async function postJson<T>(url: string, path: string, body: unknown, options: RequestOptions & { contentType?: string } = {}): Promise<JsonResponse<T>> {
  return sendJson<T>(url, 'POST', path, body, options);
}

/** Sends a request with a JSON body (or a raw string; undefined: no body) and parses the JSON answer. */
export async function sendJson<T>(url: string, method: string, path: string, body: unknown, options: RequestOptions & { contentType?: string } = {}): Promise<JsonResponse<T>> {
  const headers = requestHeaders(options, body === undefined ? {} : { 'content-type': options.contentType ?? 'application/json' });
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return parse<T>(await fetch(`${url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) }));
}

/** An API error body; narrows `unknown` for assertions. */
export function asApiError(body: unknown): ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body) || !('message' in body)) {
    throw new Error(`not an API error body: ${JSON.stringify(body)}`);
  }
  return body as ApiError;
}

/** The paths of an error body's fields. */
export function fieldPaths(body: unknown): string[] {
  return (asApiError(body).fields ?? []).map((f) => f.path);
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 5000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client with the given cookie (if any), not yet connected. */
export function liveSocket(url: string, cookie?: string): LiveSocket {
  return connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...(cookie ? { extraHeaders: { cookie } } : {}) });
}

/** Connects; resolves once connected, rejects with the connect_error. */
export function connected(socket: LiveSocket, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not connect')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** An ISO time `ms` milliseconds from now (negative: in the past). */
export function isoFromNow(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

let counter = 0;
/** A key unique within this test run, for externalKeys. */
export function uniqueKey(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
