import { API_KEY_SCOPES, type ApiKeyScope, type CreatedApiKey, type ProposalView, type WithheldAwardView } from '@opsquest/contracts';
import { sampleAlarmCreate } from '../fixtures/tmf642.fixtures';
import { getJson, isoFromNow, sendJson, uniqueKey, type RequestOptions } from '../http';
import { login, postEvents, startTestServer, type TestServer } from '../test-server';
import type { PersonPrincipal } from './access-matrix';

export const TMF642 = '/tmf-api/alarm/v4';
export const TMF622 = '/tmf-api/productOrderingManagement/v4';

export const USERNAME: Record<PersonPrincipal, string> = { engineer: 'eng', technician: 'tech', lead: 'lead', admin: 'admin' };

/** Held awards made per person at start: enough for every review probe of the matrix and the rule checks. */
const HELD_WANTED: Record<string, number> = { eng: 16, tech: 6, lead: 2, admin: 2 };

/**
 * A real server for the authorisation tests, with a session per role, one API key per scope, held
 * awards to review, and helpers that create the things requests act on (alarms, truck-rolls,
 * proposals, missions, webhooks, TMF alarms and hub listeners).
 */
export class AccessFixture {
  readonly cookies = {} as Record<PersonPrincipal | 'eng2', string>;
  /** one key per scope, holding only that scope */
  readonly scopedKeys = {} as Record<ApiKeyScope, string>;
  /** held awards per person, taken one by one */
  private readonly heldPool = new Map<string, string[]>();

  private constructor(readonly t: TestServer) {}

  static async start(): Promise<AccessFixture> {
    // a burst is a 4th scored action in an hour, so held awards are cheap to make
    const f = new AccessFixture(await startTestServer({ engine: { burst: { minPerHour: 3, factor: 3 } } }));
    for (const who of ['engineer', 'technician', 'lead', 'admin'] as const) f.cookies[who] = await login(f.t.url, USERNAME[who]);
    f.cookies.eng2 = await login(f.t.url, 'eng2');
    for (const scope of API_KEY_SCOPES) f.scopedKeys[scope] = (await f.createKey(`matrix ${scope}`, [scope])).key;

    // held awards: three scored clears, then every further one in the hour is held for review
    const batch: unknown[] = [];
    for (const [username, count] of Object.entries(HELD_WANTED)) {
      for (let i = 0; i < count + 3; i += 1) {
        const externalKey = uniqueKey(`MX-H-${username}`);
        batch.push({ source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: isoFromNow(-120_000), attributes: { perceivedSeverity: 'major' } });
        batch.push({ source: 'nms', stream: 'alarm', externalKey, transition: 'cleared', occurredAt: isoFromNow(-60_000), actor: username });
      }
    }
    await f.events(batch);
    const held = await getJson<{ held: WithheldAwardView[] }>(f.t.url, '/api/review/held', f.as('admin'));
    for (const h of held.body.held) f.heldPool.set(h.personId, [...(f.heldPool.get(h.personId) ?? []), h.entryId]);
    for (const [username, count] of Object.entries(HELD_WANTED)) {
      const got = f.heldPool.get(`p-${username}`)?.length ?? 0;
      if (got < count) throw new Error(`expected ${count} held awards for ${username}, got ${got}`);
    }
    return f;
  }

  close(): Promise<void> {
    return this.t.close();
  }

  as(who: PersonPrincipal | 'eng2'): RequestOptions {
    return { cookie: this.cookies[who] };
  }

  async ledgerTotal(personId: string): Promise<number> {
    return (await this.t.server.repos.ledger.totalsByPerson()).get(personId) ?? 0;
  }

  async createKey(name: string, scopes: ApiKeyScope[]): Promise<CreatedApiKey> {
    const res = await sendJson<CreatedApiKey>(this.t.url, 'POST', '/api/admin/api-keys', { name, scopes }, this.as('admin'));
    if (res.status !== 201) throw new Error(`creating key ${name}: ${res.status}`);
    return res.body;
  }

  async events(body: unknown[]): Promise<void> {
    const res = await postEvents(this.t.url, body);
    if (res.status !== 201) throw new Error(`events: ${res.status} ${await res.text()}`);
  }

  private async workItem(stream: 'alarm' | 'truckroll', technician?: string): Promise<number> {
    const externalKey = uniqueKey(stream === 'alarm' ? 'MX-A' : 'MX-T');
    const source = stream === 'alarm' ? 'nms' : 'fsm';
    const transition = stream === 'alarm' ? 'raised' : 'open';
    const attributes = stream === 'alarm' ? { perceivedSeverity: 'major' } : { technician: technician ?? '', title: 'Matrix visit' };
    await this.events([{ source, stream, externalKey, transition, occurredAt: isoFromNow(-60_000), attributes }]);
    const id = (await this.t.server.repos.workItems.findByKey(`${stream}:${source}:${externalKey}`))?.id;
    if (id === undefined) throw new Error(`work item ${externalKey} not stored`);
    return id;
  }

  alarm(): Promise<number> {
    return this.workItem('alarm');
  }

  truckRoll(technician: string): Promise<number> {
    return this.workItem('truckroll', technician);
  }

  takeHeld(personId: string): string {
    const entry = this.heldPool.get(personId)?.shift();
    if (!entry) throw new Error(`no held award left for ${personId}`);
    return entry;
  }

  async proposalBy(who: 'engineer' | 'technician'): Promise<string> {
    const res = await sendJson<ProposalView>(this.t.url, 'POST', '/api/proposals/missions', { templateId: 'critical-sla-week' }, this.as(who));
    if (res.status !== 201) throw new Error(`proposal by ${who}: ${res.status}`);
    return res.body.id;
  }

  async missionFor(teamId: string): Promise<string> {
    const res = await sendJson<{ id: string }>(this.t.url, 'POST', '/api/missions', { templateId: 'critical-sla-week', audience: { kind: 'team', teamId } }, this.as('admin'));
    if (res.status !== 201) throw new Error(`mission for ${teamId}: ${res.status}`);
    return res.body.id;
  }

  async webhook(): Promise<string> {
    const res = await sendJson<{ id: string }>(this.t.url, 'POST', '/api/admin/webhooks', { name: uniqueKey('hook'), url: 'http://127.0.0.1:9/hook', events: ['mission.completed'] }, this.as('admin'));
    if (res.status !== 201) throw new Error(`webhook: ${res.status}`);
    return res.body.id;
  }

  async tmfAlarm(): Promise<{ id: string; externalAlarmId: string }> {
    const body = sampleAlarmCreate();
    const res = await sendJson<{ id: string }>(this.t.url, 'POST', `${TMF642}/alarm`, body, { headers: { authorization: `Bearer ${this.scopedKeys['tmf642:write']}` } });
    if (res.status !== 201) throw new Error(`tmf alarm: ${res.status}`);
    return { id: res.body.id, externalAlarmId: String(body.externalAlarmId) };
  }

  async hubBy(key: string): Promise<string> {
    const res = await sendJson<{ id: string }>(this.t.url, 'POST', `${TMF642}/hub`, { callback: 'http://127.0.0.1:9/listener', query: 'eventType=AlarmCreateEvent' }, { headers: { authorization: `Bearer ${key}` } });
    if (res.status !== 201) throw new Error(`hub: ${res.status}`);
    return res.body.id;
  }
}
