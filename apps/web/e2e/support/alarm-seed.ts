import { postEvents, type TestServer } from './server';
import { requestHeaders } from '../../../server/test-support/http';

export interface SeedAlarm {
  key: string;
  severity: 'critical' | 'major' | 'minor' | 'warning' | 'indeterminate';
  title: string;
  region?: string;
  site?: string;
  probableCause?: string;
}

/** Raises these alarms (source "nms") a few minutes ago through the ingest API. */
export async function raiseAlarms(t: TestServer, alarms: SeedAlarm[]): Promise<void> {
  const occurredAt = new Date(Date.now() - 3 * 60_000).toISOString();
  const res = await postEvents(
    t.url,
    alarms.map((a) => ({
      source: 'nms',
      stream: 'alarm',
      externalKey: a.key,
      transition: 'raised',
      occurredAt,
      attributes: {
        perceivedSeverity: a.severity,
        title: a.title,
        alarmedObject: `${a.site ?? 'X'}/xe-0/0/1`,
        customersAffected: 120,
        ...(a.region ? { region: a.region } : {}),
        ...(a.site ? { site: a.site } : {}),
        ...(a.probableCause ? { probableCause: a.probableCause } : {}),
      },
    })),
  );
  if (res.status !== 201) throw new Error(`raising alarms failed: ${res.status} ${await res.text()}`);
}

export function alarmRecord(t: TestServer, key: string) {
  return t.server.repos.workItems.findByKey(`alarm:nms:${key}`);
}

export async function alarmId(t: TestServer, key: string): Promise<number> {
  const record = await alarmRecord(t, key);
  if (!record) throw new Error(`no alarm ${key}`);
  return record.id;
}

/** One action through the HTTP API as a logged-in person (cookie from login()). */
export async function actAs(t: TestServer, cookie: string, key: string, action: 'acknowledge' | 'clear'): Promise<void> {
  const res = await fetch(`${t.url}/api/work-items/${await alarmId(t, key)}/actions`, {
    method: 'POST',
    headers: requestHeaders({ cookie }, { 'content-type': 'application/json' }),
    body: JSON.stringify({ action }),
  });
  if (res.status !== 200) throw new Error(`${action} ${key} failed: ${res.status} ${await res.text()}`);
}
