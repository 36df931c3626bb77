import { CSRF_COOKIE, CSRF_HEADER, type ApiError } from '@opsquest/contracts';
import { useSessionStore } from '../stores/session.store';

/** A non-2xx answer (or no answer: status 0) from the API, with the server's ApiError body. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiError;

  constructor(status: number, body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
  }
}

export function isApiRequestError(error: unknown, status?: number): error is ApiRequestError {
  return error instanceof ApiRequestError && (status === undefined || error.status === status);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** false for the login call, where 401 means "wrong password", not "session expired" */
  expireSessionOn401?: boolean;
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: 'Cannot reach the OpsQuest server. Check your connection and try again.',
  401: 'Your session has ended. Please sign in again.',
  403: 'Your role may not do that.',
  404: 'Not found.',
  409: 'That is no longer possible: the item has changed.',
  429: 'Too many attempts. Wait a minute and try again.',
};

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.error === 'string' && typeof record.message === 'string';
}

async function errorBody(response: Response): Promise<ApiError> {
  try {
    const parsed: unknown = await response.json();
    if (isApiError(parsed)) return parsed;
  } catch {
    // not JSON: fall through to a generic message
  }
  return {
    error: `http_${response.status}`,
    message: FALLBACK_MESSAGES[response.status] ?? `The server answered ${response.status}. Try again.`,
  };
}

/** The session's CSRF token, which the server sets in a cookie only our own pages can read. */
function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const { method = 'GET', body, signal, expireSessionOn401 = true } = options;
  const token = method === 'GET' ? undefined : csrfToken();
  const headers = { ...(token ? { [CSRF_HEADER]: token } : {}), ...options.headers };
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiRequestError(0, { error: 'network_error', message: FALLBACK_MESSAGES[0] ?? 'Network error' });
  }
  if (response.status === 401 && expireSessionOn401) useSessionStore.getState().expire();
  if (!response.ok) throw new ApiRequestError(response.status, await errorBody(response));
  return response;
}

/** JSON request to the API with the session cookie; throws ApiRequestError on any non-2xx. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  return (await response.json()) as T;
}

/** For endpoints that answer 204 No Content. */
export async function apiRequestNoContent(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

/**
 * A POST that outlives the page (fetch keepalive): for an action that was waiting when the page is
 * hidden for good. The same headers as apiRequest (CSRF included); nobody reads the answer.
 */
export function sendOnPageExit(path: string, body: unknown, headers: Record<string, string> = {}): void {
  const token = csrfToken();
  try {
    void fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(token ? { [CSRF_HEADER]: token } : {}), ...headers },
      body: JSON.stringify(body),
    }).catch(() => undefined);
  } catch {
    // the page is going away: nothing more can be done
  }
}

/** `?a=1&b=2` from defined values only. */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
