import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomersView, DashboardView, NetworkHealthView, PersonView, WallView } from '@opsquest/contracts';
import { asApiError, getJson } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

/** Tuesday 24 November 2026, noon UTC. */
const NOW = Date.parse('2026-11-24T12:00:00Z');
const HOUR = 3_600_000;
const at = (hoursAgo: number): string => new Date(NOW - hoursAgo * HOUR).toISOString();

type Attributes = Record<string, unknown>;
const alarm = (key: string, transition: string, hoursAgo: number, attributes: Attributes = {}, actor?: string) => ({
  source: 'nms',
  stream: 'alarm',
  externalKey: key,
  transition,
  occurredAt: at(hoursAgo),
  ...(actor ? { actor } : {}),
  ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
});
const visit = (key: string, transition: string, hoursAgo: number, attributes: Attributes = {}, actor?: string) => ({
  source: 'fsm',
  stream: 'truckroll',
  externalKey: key,
  transition,
  occurredAt: at(hoursAgo),
  ...(actor ? { actor } : {}),
  ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
});
const north = (site: string, cause: string, severity: string, customersAffected = 0): Attributes => ({ site, region: 'north', probableCause: cause, perceivedSeverity: severity, customersAffected, title: `${cause} on ${site}` });

describe('GET /api/network-health and /api/customers, and customers protected on the profile, dashboard and wall', () => {
  let t: TestServer;
  const cookies: Record<'eng' | 'tech' | 'lead' | 'admin', string> = { eng: '', tech: '', lead: '', admin: '' };

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
    const [eng, tech, lead, admin] = await Promise.all(['eng', 'tech', 'lead', 'admin'].map((u) => login(t.url, u)));
    Object.assign(cookies, { eng, tech, lead, admin });
    const south = { site: 'STH-1', region: 'south', probableCause: 'PowerFailure', perceivedSeverity: 'major', title: 'PowerFailure on STH-1' };
    const res = await postEvents(t.url, [
      // NTH-1 keeps failing: open now (critical), cleared three days ago by eng (200 customers), cleared 40 days ago by eng2
      alarm('N1', 'raised', 1, north('NTH-1', 'LinkDown', 'critical', 300)),
      alarm('N2', 'raised', 72, north('NTH-1', 'LinkDown', 'major', 200)),
      alarm('N2', 'acknowledged', 71, {}, 'eng'),
      alarm('N2', 'cleared', 70, {}, 'eng'),
      alarm('N3', 'raised', 40 * 24, north('NTH-1', 'PowerFailure', 'minor')),
      alarm('N3', 'cleared', 40 * 24 - 1, {}, 'eng2'),
      alarm('N4', 'raised', 2, north('NTH-2', 'HighTemperature', 'warning')),
      // STH-1: twice in the last two weeks; once cleared by eng (50 customers), once by the source
      alarm('S1', 'raised', 10 * 24, { ...south, customersAffected: 50 }),
      alarm('S1', 'cleared', 10 * 24 - 0.5, {}, 'eng'),
      alarm('S2', 'raised', 12 * 24, south),
      alarm('S2', 'cleared', 12 * 24 - 1.5),
      // an alarm that names no site nor region
      alarm('X1', 'raised', 3, { perceivedSeverity: 'minor', title: 'Something somewhere' }),
      // ACME: a visit completed by tech five days ago, another booked, and an order
      visit('T1', 'open', 5 * 24, { technician: 'tech', customer: 'ACME', site: 'NTH-1', title: 'Repair fibre splice at NTH-1' }),
      visit('T1', 'dispatched', 5 * 24 - 1, {}, 'tech'),
      visit('T1', 'onSite', 5 * 24 - 2, {}, 'tech'),
      visit('T1', 'completed', 5 * 24 - 3, { firstTimeFix: false }, 'tech'),
      visit('T2', 'open', 24, { technician: 'tech', customer: 'ACME', site: 'NTH-1', title: 'Replace faulty ONT at NTH-1' }),
      visit('T3', 'open', 48, { technician: 'tech', customer: 'Solo', site: 'NTH-9', title: 'Customer premises survey' }),
      { source: 'bss', stream: 'order', externalKey: 'O1', transition: 'acknowledged', occurredAt: at(20), attributes: { title: 'Fibre 1G for ACME', customer: 'ACME' } },
    ]);
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets engineers, leads and admins read network health; a technician gets 403, no session 401', async () => {
    expect((await getJson(t.url, '/api/network-health')).status).toBe(401);
    expect((await getJson(t.url, '/api/network-health', { cookie: cookies.tech })).status).toBe(403);
    for (const who of ['eng', 'lead', 'admin'] as const) expect((await getJson(t.url, '/api/network-health', { cookie: cookies[who] })).status).toBe(200);
  });

  it('answers a bad query with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['weeks=2', 'query.weeks'],
      ['weeks=many', 'query.weeks'],
      ['region=', 'query.region'],
      [`region=${'x'.repeat(101)}`, 'query.region'],
    ] as const) {
      const res = await getJson<unknown>(t.url, `/api/network-health?${query}`, { cookie: cookies.lead });
      expect(res.status, query).toBe(400);
      expect(asApiError(res.body).fields?.map((f) => f.path), query).toContain(field);
    }
    const extra = await getJson<unknown>(t.url, '/api/network-health?days=30', { cookie: cookies.lead });
    expect(extra.status).toBe(400);
    const limit = await getJson<unknown>(t.url, '/api/customers?limit=0', { cookie: cookies.lead });
    expect(limit.status).toBe(400);
    expect(asApiError(limit.body).fields?.map((f) => f.path)).toContain('query.limit');
  });

  it('shows open alarms by region and site, worst first, with SLA risk and customers affected', async () => {
    const { body: view } = await getJson<NetworkHealthView>(t.url, '/api/network-health', { cookie: cookies.lead });
    expect(view.region).toBeNull();
    expect(view.regions.map((r) => [r.region, r.total, r.sites])).toEqual([
      ['north', 2, 2],
      [null, 1, 0],
      ['south', 0, 0],
    ]);
    const northRegion = view.regions[0];
    expect(northRegion?.open).toEqual({ critical: 1, major: 0, minor: 0, warning: 1, indeterminate: 0 });
    expect(northRegion?.customersAffected).toBe(300);
    expect(view.sites.map((s) => [s.site, s.region, s.total])).toEqual([
      ['NTH-1', 'north', 1],
      ['NTH-2', 'north', 1],
    ]);
    // the critical alarm has been open an hour: its 15-minute response target is breached
    expect(view.sites[0]).toMatchObject({ slaBreached: 1, oldestOpenAt: at(1) });
    expect(view.sitesTotal).toBe(2);
    expect(view.unsitedOpen).toBe(1);
  });

  it('ranks recurring faults by site, and by site and probable cause', async () => {
    const { body: view } = await getJson<NetworkHealthView>(t.url, '/api/network-health', { cookie: cookies.eng });
    expect(view.recurring.bySite.map((f) => [f.site, f.last30Days, f.last90Days, f.open, f.customersAffected])).toEqual([
      ['NTH-1', 2, 3, 1, 500],
      ['STH-1', 2, 2, 0, 50],
    ]);
    expect(view.recurring.bySite[0]?.lastSeen).toBe(at(1));
    expect(view.recurring.bySiteAndCause.map((f) => [f.site, f.probableCause, f.last30Days, f.last90Days])).toEqual([
      ['NTH-1', 'LinkDown', 2, 2],
      ['STH-1', 'PowerFailure', 2, 2],
    ]);
  });

  it('gives MTTR per week (Mondays, oldest first), in all and per region', async () => {
    const { body: view } = await getJson<NetworkHealthView>(t.url, '/api/network-health?weeks=4', { cookie: cookies.lead });
    expect(view.mttrByWeek.map((w) => w.week)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    const byWeek = Object.fromEntries(view.mttrByWeek.map((w) => [w.week, w]));
    // S1 (30 min) and S2 (90 min) closed in the week of 9 November; N2 (2 h) in the week of 16 November
    expect(byWeek['2026-11-09']).toMatchObject({ closed: 2, mttrMinutes: 60 });
    expect(byWeek['2026-11-16']).toMatchObject({ closed: 1, mttrMinutes: 120 });
    expect(byWeek['2026-11-23']).toMatchObject({ closed: 0, mttrMinutes: null });
    expect(byWeek['2026-11-16']?.byRegion).toEqual([
      { region: 'north', closed: 1, mttrMinutes: 120 },
      { region: 'south', closed: 0, mttrMinutes: null },
    ]);
  });

  it('narrows sites, recurring faults and MTTR to one region, the region list staying whole', async () => {
    const { body: view } = await getJson<NetworkHealthView>(t.url, '/api/network-health?region=south', { cookie: cookies.lead });
    expect(view.region).toBe('south');
    expect(view.regions).toHaveLength(3);
    expect(view.sites).toEqual([]);
    expect(view.unsitedOpen).toBe(0);
    expect(view.recurring.bySite.map((f) => f.site)).toEqual(['STH-1']);
    expect(view.mttrByWeek.flatMap((w) => w.byRegion.map((r) => r.region))).not.toContain('north');
    expect(view.mttrByWeek.find((w) => w.week === '2026-11-16')?.closed).toBe(0);
  });

  it('lists customers and sites with repeat faults or visits for leads and admins only, each with its history', async () => {
    expect((await getJson(t.url, '/api/customers')).status).toBe(401);
    expect((await getJson(t.url, '/api/customers', { cookie: cookies.eng })).status).toBe(403);
    expect((await getJson(t.url, '/api/customers', { cookie: cookies.tech })).status).toBe(403);
    expect((await getJson(t.url, '/api/customers', { cookie: cookies.admin })).status).toBe(200);
    const { body: view } = await getJson<CustomersView>(t.url, '/api/customers', { cookie: cookies.lead });
    expect(view.customers.map((c) => [c.key, c.last30Days, c.open])).toEqual([['ACME', { faults: 0, visits: 2, orders: 1 }, 2]]);
    const acme = view.customers[0];
    expect(acme?.history.map((h) => [h.stream, h.title, h.status])).toEqual([
      ['order', 'Fibre 1G for ACME', 'acknowledged'],
      ['truckroll', 'Replace faulty ONT at NTH-1', 'open'],
      ['truckroll', 'Repair fibre splice at NTH-1', 'completed'],
    ]);
    expect(acme?.history[2]).toMatchObject({ open: false, resolvedBy: 'tech', firstTimeFix: false, openedAt: at(5 * 24), closedAt: at(5 * 24 - 3) });
    expect(view.sites.map((s) => [s.key, s.last30Days, s.last90Days])).toEqual([
      ['NTH-1', { faults: 2, visits: 2, orders: 0 }, { faults: 3, visits: 2, orders: 0 }],
      ['STH-1', { faults: 2, visits: 0, orders: 0 }, { faults: 2, visits: 0, orders: 0 }],
    ]);
    expect(view.sites[0]?.history).toHaveLength(5);
    expect((await getJson<CustomersView>(t.url, '/api/customers?limit=1', { cookie: cookies.lead })).body.sites.map((s) => s.key)).toEqual(['NTH-1']);
  });

  it('counts customers protected per person (profile), per team (dashboard) and on the wall', async () => {
    const eng = await getJson<PersonView>(t.url, '/api/people/p-eng', { cookie: cookies.eng });
    expect(eng.body.customersProtected).toEqual({ customers: 250, alarms: 2, truckRolls: 0 });
    const tech = await getJson<PersonView>(t.url, '/api/people/p-tech', { cookie: cookies.tech });
    // a completed visit that names a customer and gives no count protects one
    expect(tech.body.customersProtected).toEqual({ customers: 1, alarms: 0, truckRolls: 1 });
    const lead = await getJson<PersonView>(t.url, '/api/people/p-lead', { cookie: cookies.lead });
    expect(lead.body.customersProtected).toEqual({ customers: 0, alarms: 0, truckRolls: 0 });

    expect((await getJson<DashboardView>(t.url, '/api/dashboard?days=14', { cookie: cookies.lead })).body.customersProtected).toEqual({ customers: 250, alarms: 2, truckRolls: 0 });
    expect((await getJson<DashboardView>(t.url, '/api/dashboard?days=14', { cookie: cookies.admin })).body.customersProtected).toEqual({ customers: 251, alarms: 2, truckRolls: 1 });
    // within the last 7 days only N2 and T1 were closed
    expect((await getJson<DashboardView>(t.url, '/api/dashboard?days=7&teamId=t-noc', { cookie: cookies.admin })).body.customersProtected.customers).toBe(200);

    const month = await getJson<WallView>(t.url, '/api/wall?window=month', { cookie: cookies.eng });
    expect(month.body.customersProtected.total).toBe(251);
    expect(Object.fromEntries(month.body.customersProtected.teams.map((x) => [x.teamId, x.customers]))).toEqual({ 't-noc': 250, 't-field': 1 });
    expect((await getJson<WallView>(t.url, '/api/wall?window=day', { cookie: cookies.eng })).body.customersProtected.total).toBe(0);
  });
  it('counts a storm at a site as one open incident, beside its alarms', async () => {
    const storm = ['ST-1', 'ST-2', 'ST-3'].map((key, i) => alarm(key, 'raised', 0.5 - i * 0.001, north('NTH-9', 'FiberCut', 'major', 10)));
    expect((await postEvents(t.url, storm)).status).toBe(201);
    const { body: view } = await getJson<NetworkHealthView>(t.url, '/api/network-health', { cookie: cookies.lead });
    expect(view.sites.find((s) => s.site === 'NTH-9')).toMatchObject({ total: 3, incidents: 1 });
    expect(view.sites.find((s) => s.site === 'NTH-2')).toMatchObject({ incidents: 0 });
    expect(view.regions.find((r) => r.region === 'north')?.incidents).toBe(1);
  });
});
