import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, type MissionView } from '@opsquest/contracts';
import { hashPassword } from './password';
import { SOCKET_AUDIENCES, SOCKET_POLICY, socketPolicyRows, type SocketAudience, type SocketEventName } from '../../test-support/security/socket-matrix';
import { socketMatrixMarkdown } from '../../test-support/security/socket-matrix.doc';
import { connected, isoFromNow, liveSocket, postJson, sendJson, uniqueKey, waitFor, type LiveSocket } from '../../test-support/http';
import { login, postEvents, startTestServer, TEST_PASSWORD, type TestServer } from '../../test-support/test-server';

/** One message a socket heard. */
interface Heard {
  event: string;
  payload: unknown;
}

type Username = 'eng' | 'eng2' | 'tech' | 'lead' | 'lead2' | 'admin';
const USERNAMES: readonly Username[] = ['eng', 'eng2', 'tech', 'lead', 'lead2', 'admin'];
const PERSON_ID: Record<Username, string> = { eng: 'p-eng', eng2: 'p-eng2', tech: 'p-tech', lead: 'p-lead', lead2: 'p-lead2', admin: 'p-admin' };

/** Who plays each column: the person concerned is Ed Engineer (p-eng2, t-noc); lead2 leads t-field. */
type Cast = Record<Exclude<SocketAudience, 'anonymous'>, Username>;
const ED: Cast = { self: 'eng2', sameTeamEngineer: 'eng', otherTeamTechnician: 'tech', ownLead: 'lead', otherTeamLead: 'lead2', admin: 'admin' };
/** the burst that is held for review is Eve's (p-eng, t-noc): Ed is her same-team engineer */
const EVE: Cast = { ...ED, self: 'eng', sameTeamEngineer: 'eng2' };
const ED_NAME = 'Ed Engineer';

const SOCKET_EVENTS_FILE = new URL('../../../../packages/contracts/src/socket-events.ts', import.meta.url);

/** The server-to-client event names declared in the contracts' ServerToClientEvents interface. */
function declaredEvents(): string[] {
  const source = readFileSync(SOCKET_EVENTS_FILE, 'utf8');
  const body = /interface ServerToClientEvents \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/^\s*'([^']+)':/gm)].map((m) => m[1] ?? '');
}

const has = (value: unknown, needle: string): boolean => JSON.stringify(value).includes(needle);
const field = (payload: unknown, key: string): unknown => (typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[key] : undefined);
const feedItems = (payload: unknown): Record<string, unknown>[] => {
  const items = field(payload, 'items');
  return Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
};

describe('socket privacy matrix: who receives which live event', () => {
  let t: TestServer;
  const cookies = {} as Record<Username, string>;
  const sockets = {} as Record<Username, LiveSocket>;
  /** what each socket heard in the current scenario, and over the whole run */
  const heard = {} as Record<Username, Heard[]>;
  const everything = {} as Record<Username, Heard[]>;
  const checkedRows = new Set<string>();
  let cells = 0;
  let personMission = '';
  let teamMission = '';

  beforeAll(async () => {
    // A burst is more than 5 scored actions in an hour here: Eve's eight clears are one, Ed's four are not.
    t = await startTestServer({ engine: { burst: { minPerHour: 5, factor: 3 } } });
    const hash = await hashPassword(TEST_PASSWORD);
    await t.server.repos.people.createPerson({ id: 'p-lead2', username: 'lead2', displayName: 'Lars Lead', role: 'lead', teamId: 't-field', passwordHash: hash, workDays: null }, Date.now());
    for (const u of USERNAMES) cookies[u] = await login(t.url, u);
    for (const u of USERNAMES) {
      const s = liveSocket(t.url, cookies[u]);
      sockets[u] = s;
      heard[u] = [];
      everything[u] = [];
      s.onAny((event: string, payload: unknown) => {
        heard[u].push({ event, payload });
        everything[u].push({ event, payload });
      });
    }
    await Promise.all(USERNAMES.map((u) => connected(sockets[u])));
    // Ed's own mission and his team's: "clear criticals within SLA"
    const person = await postJson<MissionView>(t.url, '/api/missions', { templateId: 'critical-sla-week', target: 5, audience: { kind: 'people', personIds: ['p-eng2'] } }, { cookie: cookies.lead });
    const team = await postJson<MissionView>(t.url, '/api/missions', { templateId: 'critical-sla-week', target: 5, scope: 'team' }, { cookie: cookies.lead });
    expect([person.status, team.status]).toEqual([201, 201]);
    expect([person.body.scope, team.body.scope, team.body.audience]).toEqual(['person', 'team', { kind: 'team', teamId: 't-noc' }]);
    personMission = person.body.id;
    teamMission = team.body.id;
  });
  afterAll(async () => {
    for (const s of Object.values(sockets)) s.close();
    console.log(`socket privacy matrix: ${cells} cells checked (${socketPolicyRows().length} events/cases x ${SOCKET_AUDIENCES.length} audiences)`);
    await t.close();
  });

  /**
   * Waits until every socket has everything emitted so far. A marker alarm goes to everyone (global
   * room); one flush emits in a fixed order on each connection, so once a socket has marker 1, that
   * flush (and every earlier one) was emitted; once it has marker 2 (a later flush), everything of
   * marker 1's flush has arrived too. After this, a message nobody got is really not sent.
   */
  async function settle(): Promise<string> {
    let key = '';
    for (let round = 0; round < 2; round += 1) {
      key = uniqueKey('MARK');
      expect((await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-1000), attributes: { perceivedSeverity: 'warning', title: `Marker ${key}` } })).status).toBe(201);
      for (const u of USERNAMES) {
        await waitFor(() => (heard[u].some((h) => h.event === 'workItem:changed' && has(h.payload, key)) ? true : undefined), `${u}'s marker ${key}`, 3000, 10);
      }
    }
    return key;
  }

  /** Runs `act` with fresh recordings, then settles; returns the last marker's key. */
  async function scenario(act: () => Promise<void>): Promise<string> {
    for (const u of USERNAMES) heard[u] = [];
    await act();
    return settle();
  }

  /** Raises a critical alarm and has `actor` acknowledge and clear it within its targets; returns its title. */
  async function handleCritical(actor: Username): Promise<string> {
    const key = uniqueKey('PRIV');
    const title = `Matrix alarm ${key}`;
    const res = await postEvents(t.url, [
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-90_000), attributes: { perceivedSeverity: 'critical', title } },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'acknowledged', occurredAt: isoFromNow(-80_000), actor },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-70_000), actor },
    ]);
    expect(res.status).toBe(201);
    return title;
  }

  /**
   * Checks one policy row against what each cast member heard in the last scenario. `match` picks the
   * messages of this row's event that are about this case; `byName` says a received one shows the
   * person concerned by name (checked for 'receives' when the case is about a hidden person).
   */
  function checkRow(event: SocketEventName, caseId: string, cast: Cast, match: (payload: unknown) => boolean, byName?: (payload: unknown) => boolean): void {
    const row = SOCKET_POLICY[event].find((r) => r.id === caseId);
    if (!row) throw new Error(`no policy row ${event}/${caseId}`);
    const subject = PERSON_ID[cast.self];
    for (const audience of SOCKET_AUDIENCES) {
      if (audience === 'anonymous') continue; // the handshake test covers this column
      const who = cast[audience];
      const got = heard[who].filter((h) => h.event === event && match(h.payload)).map((h) => h.payload);
      const label = `${event}/${caseId} → ${audience} (${who})`;
      const expected = row.who[audience];
      // soft: every cell of a row is checked and reported, a denied cell that leaks does not hide the others
      if (expected === 'receives') {
        expect.soft(got.length, label).toBeGreaterThan(0);
        if (byName) expect.soft(got.every(byName), `${label}: by name`).toBe(true);
      } else if (expected === 'anonymised') {
        expect.soft(got.length, label).toBeGreaterThan(0);
        expect.soft(got.some((p) => has(p, subject) || has(p, ED_NAME)), `${label}: anonymised`).toBe(false);
        expect.soft(got.every((p) => feedItems(p).every((i) => i.personName === 'A teammate' && i.personId === undefined)), `${label}: "A teammate"`).toBe(true);
      } else {
        expect.soft(got, `${label}: must not receive it`).toEqual([]);
      }
      cells += 1;
    }
    checkedRows.add(`${event}/${caseId}`);
  }

  it('covers every server-to-client event of the contracts, and renders it as a Markdown table', () => {
    const declared = declaredEvents();
    expect(declared.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(SOCKET_POLICY).sort()).toEqual([...declared].sort());
    const md = socketMatrixMarkdown();
    for (const { event, row } of socketPolicyRows()) expect(md).toContain(`| \`${event}\` | ${row.when.replace(/\|/g, '\\|')} |`);
    expect(md).toContain('| other-team lead |');
    // every row of the table has one cell per audience
    const tableRows = md.split('\n').filter((l) => l.startsWith('| `'));
    expect(tableRows).toHaveLength(socketPolicyRows().length);
    for (const line of tableRows) expect(line.split(' | ')).toHaveLength(3 + SOCKET_AUDIENCES.length);
  });

  it('anonymous: no cookie, a forged session and a logged-out session are refused at the handshake', async () => {
    const refused = async (cookie?: string): Promise<void> => {
      const s = liveSocket(t.url, cookie);
      try {
        await expect(connected(s)).rejects.toThrow('unauthorized');
      } finally {
        s.close();
      }
    };
    await refused();
    await refused(`${SESSION_COOKIE}=forged-token-forged-token-forged`);
    const cookie = await login(t.url, 'lead2');
    expect((await sendJson(t.url, 'POST', '/api/auth/logout', undefined, { cookie })).status).toBe(204);
    await refused(cookie);
    // the anonymous column of every row: nobody without a live session hears anything
    for (const { event, row } of socketPolicyRows()) {
      expect(row.who.anonymous, `${event}/${row.id}`).toBe('denied');
      cells += 1;
    }
  });

  it('Ed handles a critical: the board goes to all, his points, badge and person mission to him only, team lines and team mission to his team', async () => {
    let title = '';
    await scenario(async () => {
      title = await handleCritical('eng2');
    });
    checkRow('workItem:changed', 'board', ED, (p) => has(p, title));
    checkRow('points:awarded', 'own', ED, (p) => field(p, 'personId') === 'p-eng2');
    checkRow('badge:earned', 'own', ED, (p) => field(p, 'personId') === 'p-eng2');
    checkRow('leaderboard:changed', 'tick', ED, () => true);
    checkRow('mission:progress', 'person', ED, (p) => field(p, 'missionId') === personMission);
    checkRow('mission:progress', 'team', ED, (p) => field(p, 'missionId') === teamMission);
    checkRow('feed:item', 'visible', ED, (p) => feedItems(p).some((i) => typeof i.text === 'string' && i.text.includes(title)), (p) => feedItems(p).every((i) => i.personId === 'p-eng2' && i.personName === ED_NAME));
    // the payloads are what the policy says: the board names no one but by username; the team mission names no one
    const board = heard.tech.find((h) => h.event === 'workItem:changed' && has(h.payload, title));
    expect(has(board?.payload, 'p-eng2') || has(board?.payload, ED_NAME)).toBe(false);
    const teamTick = heard.eng.find((h) => h.event === 'mission:progress' && field(h.payload, 'missionId') === teamMission);
    expect(teamTick?.payload).toMatchObject({ scope: 'team', participantId: 't-noc' });
    const tick = heard.lead2.find((h) => h.event === 'leaderboard:changed');
    expect(Object.keys(tick?.payload as object).sort()).toEqual(['at', 'windows']);
  });

  it("Ed's lead adds 1000 points: level:up reaches Ed only", async () => {
    await scenario(async () => {
      const res = await postJson(t.url, '/api/people/p-eng2/adjustments', { points: 1000, reason: 'Socket matrix level test' }, { cookie: cookies.lead });
      expect(res.status).toBe(201);
    });
    checkRow('level:up', 'own', ED, (p) => field(p, 'personId') === 'p-eng2');
  });

  it("Eve's burst is held: review:held reaches her team's lead and admins, not her, her peers, nor another team's lead", async () => {
    await scenario(async () => {
      const events = Array.from({ length: 8 }, () => uniqueKey('BURST')).flatMap((key) => [
        { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-60_000), attributes: { perceivedSeverity: 'major', title: `Burst ${key}` } },
        { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-30_000), actor: 'eng' },
      ]);
      expect((await postEvents(t.url, events)).status).toBe(201);
    });
    expect((await t.server.repos.gates.held(50, 't-noc')).length).toBeGreaterThan(0);
    checkRow('review:held', 'queue', EVE, (p) => Array.isArray(field(p, 'teamIds')) && (field(p, 'teamIds') as unknown[]).includes('t-noc'));
    const got = heard.lead.find((h) => h.event === 'review:held');
    expect(has(got?.payload, 'p-eng') || has(got?.payload, 'Eve Engineer')).toBe(false);
  });

  it('Ed opts out of boards and the feed: his lines go by name only to him, his lead and admins; nothing that reaches others names him', async () => {
    const off = await sendJson(t.url, 'PUT', '/api/me/participation', { publicBoards: false, showInFeed: false, acceptKudos: true }, { cookie: cookies.eng2 });
    expect(off.status).toBe(200);
    let title = '';
    const message = `Hidden kudos ${uniqueKey('K')}`;
    await scenario(async () => {
      title = await handleCritical('eng2');
      expect((await postJson(t.url, '/api/kudos', { toPersonId: 'p-eng2', message }, { cookie: cookies.admin })).status).toBe(201);
    });
    const about = (p: unknown): boolean => feedItems(p).some((i) => typeof i.text === 'string' && (i.text.includes(title) || i.text.includes(message)));
    checkRow('feed:item', 'hidden', ED, about, (p) => feedItems(p).every((i) => i.personId === 'p-eng2' && i.personName === ED_NAME));
    // The sweep: every message to someone who may not see Ed (any event) names him neither by id nor by name.
    for (const who of [ED.sameTeamEngineer, ED.otherTeamTechnician, ED.otherTeamLead]) {
      expect(heard[who].length, who).toBeGreaterThan(0);
      for (const h of heard[who]) expect(has(h.payload, 'p-eng2') || has(h.payload, ED_NAME), `${who} heard ${h.event}: ${JSON.stringify(h.payload)}`).toBe(false);
    }
    // The board is operational data, not the game: the assignee (a username) stays on it for everyone.
    const board = heard.tech.find((h) => h.event === 'workItem:changed' && has(h.payload, title));
    const item = (field(board?.payload, 'items') as Record<string, unknown>[] | undefined)?.find((i) => i.title === title);
    expect(item?.assignee).toBe('eng2');
    // the peers' anonymised line reads as the HTTP feed does
    const peerLine = heard.eng.flatMap((h) => (h.event === 'feed:item' ? feedItems(h.payload) : [])).find((i) => typeof i.text === 'string' && i.text.includes(message));
    expect(peerLine?.text).toBe(`Ada Admin gave kudos to a teammate: “${message}”`);
  });

  it('nobody ever heard another person’s points, badges or level-ups', () => {
    for (const u of USERNAMES) {
      const personal = everything[u].filter((h) => h.event === 'points:awarded' || h.event === 'badge:earned' || h.event === 'level:up');
      for (const h of personal) expect(field(h.payload, 'personId'), `${u} heard ${h.event}`).toBe(PERSON_ID[u]);
    }
    expect(everything.eng2.some((h) => h.event === 'level:up')).toBe(true);
  });

  it('integration notices: gaps to everyone, the notice to admins only', async () => {
    const groupKey = uniqueKey('GAP');
    await scenario(async () => {
      await t.server.services.integrationNotices.truncated({ keyId: 'env', source: 'alertmanager', groupKey, groupLabels: { alertname: 'Matrix' }, missing: 3, reason: 'matrix' });
      await Promise.resolve();
    });
    checkRow('alarms:gaps', 'board', ED, (p) => has(p, groupKey));
    checkRow('integration:notice', 'admins', ED, (p) => has(p, groupKey));
  });

  it('planned work: every current window to everyone signed in', async () => {
    const title = uniqueKey('Planned');
    await scenario(async () => {
      const body = { title, scope: { sites: ['MATRIX-1'] }, startsAt: isoFromNow(60_000), endsAt: isoFromNow(3_600_000) };
      expect((await postJson(t.url, '/api/maintenance-windows', body, { cookie: cookies.lead })).status).toBe(201);
    });
    checkRow('maintenance:changed', 'board', ED, (p) => has(p, title));
  });

  it('every row of the policy was checked', () => {
    expect([...checkedRows].sort()).toEqual(socketPolicyRows().map(({ event, row }) => `${event}/${row.id}`).sort());
    expect(cells).toBe(socketPolicyRows().length * SOCKET_AUDIENCES.length);
  });

  it('a socket opened before its session was logged out hears nothing private afterwards', async () => {
    const cookie = await login(t.url, 'eng2');
    const s = liveSocket(t.url, cookie);
    const after: Heard[] = [];
    try {
      await connected(s);
      expect((await sendJson(t.url, 'POST', '/api/auth/logout', undefined, { cookie })).status).toBe(204);
      s.onAny((event: string, payload: unknown) => after.push({ event, payload }));
      const marker = await scenario(async () => {
        expect((await postJson(t.url, '/api/kudos', { toPersonId: 'p-eng2', message: 'After logout' }, { cookie: cookies.eng })).status).toBe(201);
      });
      // still connected: it has everything before the last marker once it has the marker
      if (s.connected) await waitFor(() => (after.some((h) => h.event === 'workItem:changed' && has(h.payload, marker)) ? true : undefined), 'the marker on the old socket', 3000, 10);
      // the logged-in socket of Ed got them, the logged-out one must not
      expect(heard.eng2.some((h) => h.event === 'points:awarded')).toBe(true);
      expect(after.filter((h) => h.event === 'points:awarded' || h.event === 'feed:item').map((h) => h.event)).toEqual([]);
    } finally {
      s.close();
    }
  });
});
