import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NetworkStore, RecurringFaultRow } from '../../src/services/ports/network-store';
import { sqlLiteral } from './insights-store.contract';
import type { OpenStore, StoreFixture } from './store-fixture';

const DAY = 86_400_000;
const NOW = 1_764_000_000_000;
const ago = (days: number): number => NOW - days * DAY;
const SINCE = ago(90);
const RECENT = ago(30);

interface ItemSeed {
  key: string;
  stream: 'alarm' | 'truckroll' | 'order';
  openedAt: number;
  /** default: open for a raised alarm, else closed */
  status?: string;
  open?: boolean;
  state?: Record<string, unknown>;
}

/** INSERTs of work items (ids follow the order given, on both engines). */
function itemsSql(items: readonly ItemSeed[]): string {
  return items
    .map((w) => {
      const status = w.status ?? (w.stream === 'alarm' ? 'raised' : 'open');
      const open = w.open ?? !['cleared', 'completed', 'unableToComplete', 'cancelled'].includes(status);
      const state = { key: w.key, stream: w.stream, status, open, openedAt: w.openedAt, title: `Item ${w.key}`, ...w.state };
      const incident = typeof w.state?.incidentId === 'string' ? w.state.incidentId : null;
      const cells = [w.key, w.stream, status, open ? 1 : 0, 2, w.openedAt, w.openedAt, JSON.stringify(state), incident].map(sqlLiteral).join(', ');
      return `INSERT INTO work_items (item_key, stream, status, open, severity_rank, opened_at, updated_at, state, incident_id) VALUES (${cells});`;
    })
    .join('\n');
}

const alarm = (key: string, days: number, state: Record<string, unknown>, extra: Partial<ItemSeed> = {}): ItemSeed => ({ key, stream: 'alarm', openedAt: ago(days), state, ...extra });
const cleared = { status: 'cleared' } as const;

/** The NetworkStore port (recurring faults, repeat customers and sites, customers protected), the same on every engine. */
export function describeNetworkStoreContract(engine: string, open: OpenStore<NetworkStore>): void {
  describe(`NetworkStore contract (${engine})`, () => {
    let f: StoreFixture<NetworkStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    const faults = (byCause: boolean, region?: string): Promise<RecurringFaultRow[]> =>
      f.store.recurringFaults({ since: SINCE, recentSince: RECENT, byCause, minCount: 2, limit: 10, ...(region !== undefined ? { region } : {}) });

    it('ranks sites whose alarms come back: recent ones first, then all, then last seen, then site', async () => {
      expect(await faults(false)).toEqual([]);
      await f.seed(
        itemsSql([
          // S1: three alarms in 90 days, two of them in the last 30; one open, one re-raised later than it was opened
          alarm('s1-a', 5, { site: 'S1', region: 'north', probableCause: 'FiberCut', customersAffected: 100 }),
          alarm('s1-b', 20, { site: 'S1', region: 'north', probableCause: 'FiberCut', customersAffected: 50, lastRaisedAt: ago(2) }, cleared),
          alarm('s1-c', 60, { site: 'S1', region: 'north', probableCause: 'PowerFailure' }, cleared),
          // S2: two recent alarms (two recent, fewer in all than S1); a planned one (maintenance) does not count
          alarm('s2-a', 3, { site: 'S2', region: 'south', customersAffected: 7 }, cleared),
          alarm('s2-b', 4, { site: 'S2', region: 'south' }, cleared),
          alarm('s2-planned', 1, { site: 'S2', region: 'south', maintenanceWindowId: 'mw-1' }),
          // S3: one alarm in the window, one before it: not recurring
          alarm('s3-a', 10, { site: 'S3', region: 'north' }),
          alarm('s3-old', 91, { site: 'S3', region: 'north' }, cleared),
          // S4: four older alarms, none recent
          ...[40, 45, 50, 55].map((d) => alarm(`s4-${d}`, d, { site: 'S4', region: 'south' }, cleared)),
          // S5 and S6: the same counts; S6 was seen later, so it ranks first; S7 ties S5 exactly: by site
          alarm('s5-a', 70, { site: 'S5' }, cleared),
          alarm('s5-b', 80, { site: 'S5' }, cleared),
          alarm('s7-a', 70, { site: 'S7' }, cleared),
          alarm('s7-b', 80, { site: 'S7' }, cleared),
          alarm('s6-a', 65, { site: 'S6', region: 'east' }, cleared),
          alarm('s6-b', 85, { site: 'S6', region: 'west' }, cleared),
          // no site, an empty site, and a truck-roll at S1: none of them a fault of a site
          alarm('none-a', 1, { region: 'north' }),
          alarm('none-b', 2, { region: 'north' }),
          alarm('empty-a', 1, { site: '' }),
          alarm('empty-b', 2, { site: '' }),
          { key: 'visit-s1', stream: 'truckroll', openedAt: ago(1), state: { site: 'S1' } },
          { key: 'visit-s1-2', stream: 'truckroll', openedAt: ago(2), state: { site: 'S1' } },
        ]),
      );
      const bySite = await faults(false);
      expect(bySite.map((r) => [r.site, r.recent, r.total])).toEqual([
        ['S1', 2, 3],
        ['S2', 2, 2],
        ['S4', 0, 4],
        ['S6', 0, 2],
        ['S5', 0, 2],
        ['S7', 0, 2],
      ]);
      expect(bySite[0]).toEqual<RecurringFaultRow>({ site: 'S1', region: 'north', probableCause: null, recent: 2, total: 3, lastSeenAt: ago(2), open: 1, customersAffected: 150 });
      expect(bySite[1]).toMatchObject({ site: 'S2', region: 'south', lastSeenAt: ago(3), open: 0, customersAffected: 7 });
      // a site's region: the greatest its alarms name; none when none names one
      expect(bySite.find((r) => r.site === 'S6')?.region).toBe('west');
      expect(bySite.find((r) => r.site === 'S5')?.region).toBeNull();

      expect((await f.store.recurringFaults({ since: SINCE, recentSince: RECENT, byCause: false, minCount: 2, limit: 2 })).map((r) => r.site)).toEqual(['S1', 'S2']);
      expect((await f.store.recurringFaults({ since: SINCE, recentSince: RECENT, byCause: false, minCount: 3, limit: 10 })).map((r) => r.site)).toEqual(['S1', 'S4']);
      expect((await faults(false, 'south')).map((r) => r.site)).toEqual(['S2', 'S4']);
      expect(await faults(false, 'nowhere')).toEqual([]);
    });

    it('ranks a site and probable cause together, an alarm without a cause in a group of its own', async () => {
      await f.seed(
        itemsSql([
          alarm('a1', 5, { site: 'S1', region: 'north', probableCause: 'FiberCut' }),
          alarm('a2', 40, { site: 'S1', region: 'north', probableCause: 'FiberCut' }, cleared),
          alarm('a3', 6, { site: 'S1', region: 'north', probableCause: 'PowerFailure' }, cleared),
          alarm('a4', 7, { site: 'S1', region: 'north' }, cleared),
          alarm('a5', 8, { site: 'S1', region: 'north' }, cleared),
          alarm('a6', 9, { site: 'S2', region: 'north', probableCause: 'LinkDown' }, cleared),
          alarm('a7', 10, { site: 'S2', region: 'north', probableCause: 'LinkDown' }, cleared),
        ]),
      );
      const rows = await faults(true);
      expect(rows.map((r) => [r.site, r.probableCause, r.recent, r.total])).toEqual([
        ['S1', null, 2, 2],
        ['S2', 'LinkDown', 2, 2],
        ['S1', 'FiberCut', 1, 2],
      ]);
      expect((await faults(false)).map((r) => [r.site, r.probableCause, r.total])).toEqual([
        ['S1', null, 5],
        ['S2', null, 2],
      ]);
    });

    it('ranks customers by repeat faults and visits, orders counted beside them but never making a repeat', async () => {
      await f.seed(
        itemsSql([
          // C1: two visits (one recent) and a recent order
          { key: 'c1-v1', stream: 'truckroll', openedAt: ago(10), state: { customer: 'C1', site: 'S1' } },
          { key: 'c1-v2', stream: 'truckroll', openedAt: ago(40), status: 'completed', state: { customer: 'C1', site: 'S1' } },
          { key: 'c1-o1', stream: 'order', openedAt: ago(5), state: { customer: 'C1' } },
          // C2: one visit and three orders: not a repeat
          { key: 'c2-v1', stream: 'truckroll', openedAt: ago(3), state: { customer: 'C2' } },
          ...[4, 5, 6].map((d) => ({ key: `c2-o${d}`, stream: 'order' as const, openedAt: ago(d), state: { customer: 'C2' } })),
          // C3: a fault naming the customer and a visit, both recent
          alarm('c3-a1', 3, { customer: 'C3', site: 'S3' }, cleared),
          { key: 'c3-v1', stream: 'truckroll', openedAt: ago(2), state: { customer: 'C3', site: 'S3' } },
          // C4: two visits before the window; no customer at all
          { key: 'c4-v1', stream: 'truckroll', openedAt: ago(100), state: { customer: 'C4' } },
          { key: 'c4-v2', stream: 'truckroll', openedAt: ago(120), state: { customer: 'C4' } },
          { key: 'anon-1', stream: 'truckroll', openedAt: ago(1), state: { site: 'S1' } },
          { key: 'anon-2', stream: 'truckroll', openedAt: ago(1), state: { customer: '' } },
        ]),
      );
      const customers = await f.store.repeatPlaces({ kind: 'customer', since: SINCE, recentSince: RECENT, minCount: 2, limit: 10 });
      expect(customers).toEqual([
        { key: 'C3', recent: { faults: 1, visits: 1, orders: 0 }, total: { faults: 1, visits: 1, orders: 0 }, lastSeenAt: ago(2), open: 1 },
        { key: 'C1', recent: { faults: 0, visits: 1, orders: 1 }, total: { faults: 0, visits: 2, orders: 1 }, lastSeenAt: ago(5), open: 2 },
      ]);
      expect((await f.store.repeatPlaces({ kind: 'customer', since: SINCE, recentSince: RECENT, minCount: 2, limit: 1 })).map((r) => r.key)).toEqual(['C3']);
      // the same items by site: S1's three visits (one without a customer; two recent), S3's fault and visit
      const sites = await f.store.repeatPlaces({ kind: 'site', since: SINCE, recentSince: RECENT, minCount: 2, limit: 10 });
      expect(sites.map((r) => [r.key, r.recent, r.total])).toEqual([
        ['S1', { faults: 0, visits: 2, orders: 0 }, { faults: 0, visits: 3, orders: 0 }],
        ['S3', { faults: 1, visits: 1, orders: 0 }, { faults: 1, visits: 1, orders: 0 }],
      ]);
    });

    it('lists the history of the places asked for, the newest items of each, newest first', async () => {
      await f.seed(
        itemsSql([
          { key: 'c1-v1', stream: 'truckroll', openedAt: ago(10), status: 'completed', state: { customer: 'C1', site: 'S1', closedAt: ago(9), resolvedBy: 'tech', firstTimeFix: true, customersAffected: 12 } },
          { key: 'c1-v2', stream: 'truckroll', openedAt: ago(40), status: 'unableToComplete', state: { customer: 'C1', site: 'S1', closedAt: ago(39), resolvedBy: 'tech', firstTimeFix: false } },
          { key: 'c1-v3', stream: 'truckroll', openedAt: ago(60), status: 'completed', state: { customer: 'C1' } },
          { key: 'c1-old', stream: 'truckroll', openedAt: ago(95), state: { customer: 'C1' } },
          { key: 'c2-o1', stream: 'order', openedAt: ago(20), state: { customer: 'C2' } },
          alarm('c3-a1', 3, { customer: 'C3', site: 'S3', customersAffected: 40 }),
          alarm('c3-planned', 2, { customer: 'C3', maintenanceWindowId: 'mw-1' }),
        ]),
      );
      expect(await f.store.placeHistory({ kind: 'customer', keys: [], since: SINCE, perPlace: 5 })).toEqual([]);
      const rows = await f.store.placeHistory({ kind: 'customer', keys: ['C1', 'C3', 'nobody'], since: SINCE, perPlace: 2 });
      expect(rows.map((r) => [r.place, r.title])).toEqual([
        ['C3', 'Item c3-a1'],
        ['C1', 'Item c1-v1'],
        ['C1', 'Item c1-v2'],
      ]);
      expect(rows[0]).toMatchObject({ stream: 'alarm', status: 'raised', open: true, openedAt: ago(3), closedAt: null, resolvedBy: null, firstTimeFix: null, customersAffected: 40, site: 'S3', customer: 'C3' });
      expect(rows[1]).toMatchObject({ stream: 'truckroll', status: 'completed', open: false, closedAt: ago(9), resolvedBy: 'tech', firstTimeFix: true, customersAffected: 12 });
      expect(rows[2]).toMatchObject({ status: 'unableToComplete', firstTimeFix: false, customersAffected: 0 });
      expect(typeof rows[0]?.id).toBe('number');
      const bySite = await f.store.placeHistory({ kind: 'site', keys: ['S1'], since: SINCE, perPlace: 5 });
      expect(bySite.map((r) => r.title)).toEqual(['Item c1-v1', 'Item c1-v2']);
    });

    it('sums the customers protected per person: cleared alarms’ customers and completed truck-rolls’, closed in [from, to)', async () => {
      const from = ago(30);
      const to = ago(0);
      expect(await f.store.customersProtected(from, to)).toEqual([]);
      await f.seed(
        itemsSql([
          alarm('ann-1', 10, { resolvedBy: 'ann', closedAt: ago(9), customersAffected: 100 }, cleared),
          alarm('ann-2', 10, { resolvedBy: 'Ann', closedAt: from, customersAffected: 50 }, cleared),
          alarm('ann-0', 10, { resolvedBy: 'ann', closedAt: ago(9), customersAffected: 0 }, cleared),
          { key: 'ann-v1', stream: 'truckroll', openedAt: ago(5), status: 'completed', state: { resolvedBy: 'ann', closedAt: ago(4), customer: 'C1', customersAffected: 0 } },
          { key: 'ann-v2', stream: 'truckroll', openedAt: ago(5), status: 'completed', state: { resolvedBy: 'ann', closedAt: ago(4), customersAffected: 12 } },
          { key: 'ann-v3', stream: 'truckroll', openedAt: ago(5), status: 'completed', state: { resolvedBy: 'ann', closedAt: ago(4) } },
          // bob: an alarm cleared inside the window, and none of the rest counts
          alarm('bob-1', 3, { resolvedBy: 'bob', closedAt: ago(2), customersAffected: 5 }, cleared),
          alarm('bob-reraised', 3, { resolvedBy: 'bob', closedAt: ago(2), customersAffected: 900 }),
          alarm('bob-source', 3, { closedAt: ago(2), customersAffected: 900 }, cleared),
          alarm('bob-before', 40, { resolvedBy: 'bob', closedAt: from - 1, customersAffected: 900 }, cleared),
          alarm('bob-at-end', 3, { resolvedBy: 'bob', closedAt: to, customersAffected: 900 }, cleared),
          alarm('bob-planned', 3, { resolvedBy: 'bob', closedAt: ago(2), customersAffected: 900, maintenanceWindowId: 'mw-1' }, cleared),
          { key: 'bob-unable', stream: 'truckroll', openedAt: ago(5), status: 'unableToComplete', state: { resolvedBy: 'bob', closedAt: ago(4), customer: 'C2', customersAffected: 900 } },
          { key: 'bob-order', stream: 'order', openedAt: ago(5), status: 'completed', state: { resolvedBy: 'bob', closedAt: ago(4), customer: 'C2', customersAffected: 900 } },
          // carl: only work that restored nobody
          alarm('carl-0', 3, { resolvedBy: 'carl', closedAt: ago(2) }, cleared),
          // dana: an incident counts once, through its root cause (its clear carries the incident's customers)
          alarm('dana-root', 3, { resolvedBy: 'dana', closedAt: ago(2), customersAffected: 40, incidentId: 'inc:1', incidentRoot: true }, cleared),
          alarm('dana-child', 3, { resolvedBy: 'dana', closedAt: ago(2), customersAffected: 30, incidentId: 'inc:1', incidentRoot: false }, cleared),
        ]),
      );
      expect(await f.store.customersProtected(from, to)).toEqual([
        { username: 'ann', customers: 163, alarms: 2, truckRolls: 2 },
        { username: 'bob', customers: 5, alarms: 1, truckRolls: 0 },
        { username: 'dana', customers: 40, alarms: 1, truckRolls: 0 },
      ]);
      expect(await f.store.customersProtected(ago(5), to)).toEqual([
        { username: 'ann', customers: 13, alarms: 0, truckRolls: 2 },
        { username: 'bob', customers: 5, alarms: 1, truckRolls: 0 },
        { username: 'dana', customers: 40, alarms: 1, truckRolls: 0 },
      ]);
      expect(await f.store.customersProtected(to, to + DAY)).toEqual([{ username: 'bob', customers: 900, alarms: 1, truckRolls: 0 }]);
    });
  });
}
