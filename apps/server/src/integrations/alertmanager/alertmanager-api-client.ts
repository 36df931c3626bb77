import { validationError } from '../../http/errors';
import { ALERTMANAGER_API_MAX_BYTES, ALERTMANAGER_API_TIMEOUT_MS, ALERTMANAGER_PARSE_PIECE } from './alertmanager.limits';
import { gettableAlertSchema, type GettableAlert } from './alertmanager-api.schema';
import { sameOrigin } from './alertmanager-url';
import { MalformedJsonError, StreamingJsonReader, writeYielding } from './streaming-json-reader';

/** Which alerts to ask for: those of one notification's group, routed to its receiver. */
export interface GroupAlertsQuery {
  /** the Alertmanager's base URL, normalised (normaliseAlertmanagerUrl) */
  baseUrl: string;
  receiver: string | undefined;
  groupLabels: Readonly<Record<string, string>>;
}

export type GroupAlertsFetch = { ok: true; url: string; alerts: GettableAlert[] } | { ok: false; url: string; reason: string };

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** same-origin redirects followed at most (a redirect to another host is never followed) */
  maxRedirects?: number;
}

/** RE2's QuoteMeta: the receiver name as a literal in the API's `receiver` regex. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

const PLAIN_LABEL_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const quoted = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** An Alertmanager equality matcher, `name="value"`, escaped as pkg/labels ParseMatcher reads it. */
export function equalityMatcher(name: string, value: string): string {
  // names outside the classic charset only parse as quoted (UTF-8 matchers, Alertmanager 0.27+)
  return `${PLAIN_LABEL_NAME.test(name) ? name : quoted(name)}=${quoted(value)}`;
}

/**
 * `GET {base}/api/v2/alerts` for the group: active alerts, silenced and inhibited ones included so a
 * muted alert is never taken for a resolved one (isNotified tells them apart), routed to the
 * receiver, with one equality filter per group label.
 */
export function groupAlertsUrl(query: GroupAlertsQuery): string {
  const params = new URLSearchParams({ active: 'true', silenced: 'true', inhibited: 'true', unprocessed: 'true' });
  if (query.receiver !== undefined) params.append('receiver', `^${escapeRegex(query.receiver)}$`);
  for (const [name, value] of Object.entries(query.groupLabels)) params.append('filter', equalityMatcher(name, value));
  return `${query.baseUrl}/api/v2/alerts?${params.toString()}`;
}

class FetchRefused extends Error {}

const sizeText = (bytes: number): string => (bytes < 1024 * 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024 / 1024)} MB`);

/** The answer's JSON, streamed, each gettable alert validated as it arrives; a bad one refuses the whole answer. */
async function readAlerts(res: Response, maxBytes: number): Promise<GettableAlert[]> {
  const alerts: GettableAlert[] = [];
  const reader = new StreamingJsonReader({
    streamed: {
      key: null,
      onElement: (element, index) => {
        const parsed = gettableAlertSchema.safeParse(element);
        if (!parsed.success) {
          const first = validationError(parsed.error, 'body').fields?.[0];
          throw new FetchRefused(`answered an alert that is not one of Alertmanager's: [${index}]${first ? `${first.path.slice('body'.length)}: ${first.message}` : ''}`);
        }
        alerts.push(parsed.data);
      },
      onRestart: () => {
        alerts.length = 0;
      },
    },
  });
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  if (res.body) {
    for await (const chunk of res.body) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) throw new FetchRefused(`answered more than ${sizeText(maxBytes)}`);
      await writeYielding(reader, decoder.decode(chunk, { stream: true }), ALERTMANAGER_PARSE_PIECE);
    }
  }
  reader.write(decoder.decode());
  const value = reader.end();
  if (!Array.isArray(value)) throw new FetchRefused('answered something that is not a list of alerts');
  return alerts;
}

function describe(err: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timeout after ${timeoutMs / 1000} s`;
  if (err instanceof FetchRefused) return err.message;
  if (err instanceof MalformedJsonError) return `answered something that is not JSON (${err.message})`;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Fetches the alerts of a truncated notification's group from the Alertmanager that sent it. No
 * OpsQuest credential or cookie is sent; a redirect is followed only within the same origin; the
 * whole exchange (answer included) has `timeoutMs` and the answer at most `maxBytes`. Never throws:
 * a failure comes back with a reason an admin can act on.
 */
export async function fetchGroupAlerts(query: GroupAlertsQuery, options: FetchOptions = {}): Promise<GroupAlertsFetch> {
  const timeoutMs = options.timeoutMs ?? ALERTMANAGER_API_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? 3;
  const url = groupAlertsUrl(query);
  const signal = AbortSignal.timeout(timeoutMs);
  const start = new URL(url);
  let target = start;
  try {
    for (let hop = 0; ; hop += 1) {
      const res = await fetch(target, { method: 'GET', redirect: 'manual', signal, headers: { accept: 'application/json' } });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        const next = location ? new URL(location, target) : undefined;
        if (!next) throw new FetchRefused(`answered HTTP ${res.status} without a Location`);
        if (!sameOrigin(next, start)) throw new FetchRefused(`redirected to another host (${next.origin}); OpsQuest follows redirects within ${start.origin} only`);
        if (hop >= maxRedirects) throw new FetchRefused(`redirected more than ${maxRedirects} times`);
        target = next;
        continue;
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new FetchRefused(`answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      }
      return { ok: true, url, alerts: await readAlerts(res, options.maxBytes ?? ALERTMANAGER_API_MAX_BYTES) };
    }
  } catch (err) {
    return { ok: false, url, reason: `fetch failed: ${describe(err, signal.aborted, timeoutMs)}` };
  }
}
