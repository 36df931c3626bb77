import { io as connect, type Socket } from 'socket.io-client';
import type { ApiError, ClientToServerEvents, ServerToClientEvents } from '@opsquest/contracts';

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
}

/** GET a path and parse the JSON answer. */
export async function getJson<T>(url: string, path: string, options: RequestOptions = {}): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  return parse<T>(await fetch(`${url}${path}`, { headers }));
}

/** POST a JSON body (or a raw string, sent as is) and parse the JSON answer. */
export async function postJson<T>(url: string, path: string, body: unknown, options: RequestOptions & { contentType?: string } = {}): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  return parse<T>(await fetch(`${url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
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
