import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MaintenanceRow, MaintenanceStore } from '../../src/services/ports/maintenance-store';
import type { OpenStore, StoreFixture } from './store-fixture';

const HOUR = 3_600_000;
const T = 1_767_225_600_000; // 2026-01-01T00:00:00Z

function windowRow(id: string, over: Partial<MaintenanceRow> = {}): MaintenanceRow {
  return {
    id,
    title: `Splice ${id}`,
    reference: null,
    scope: { regions: [], sites: ['S-1'], elements: [] },
    startsAt: T,
    endsAt: T + 2 * HOUR,
    declaredAt: T - HOUR,
    declaredBy: 'Lena Lead',
    actorId: null,
    cancelledBy: null,
    ...over,
  };
}

/** A work_items row whose state names (or not) a window, opened at `openedAt`. */
function itemSql(key: string, openedAt: number, windowId: string | null, stream = 'alarm'): string {
  const state = JSON.stringify({ key, stream, ...(windowId ? { maintenanceWindowId: windowId } : {}) });
  return `INSERT INTO work_items (item_key, stream, status, open, severity_rank, opened_at, updated_at, state) VALUES ('${key}', '${stream}', 'raised', 1, 1, ${openedAt}, ${openedAt}, '${state}');`;
}

/** The MaintenanceStore port's promises, the same on every engine. */
export function describeMaintenanceStoreContract(engine: string, open: OpenStore<MaintenanceStore>): void {
  describe(`MaintenanceStore contract (${engine})`, () => {
    let f: StoreFixture<MaintenanceStore>;
    let store: MaintenanceStore;
    beforeEach(async () => {
      f = await open();
      store = f.store;
    });
    afterEach(async () => {
      await f.close();
    });

    it('keeps a window as declared, scope and reference included, and finds it by id', async () => {
      const row = windowRow('mw-a', { reference: 'CHG-42', scope: { regions: ['North'], sites: ['S-1', 'S-2'], elements: ['OLT-9'] }, actorId: null, declaredBy: 'API key change-mgmt' });
      await store.create(row);
      expect(await store.get('mw-a')).toEqual(row);
      expect(await store.get('mw-b')).toBeUndefined();
    });

    it('cancels once: a second cancel changes nothing', async () => {
      await store.create(windowRow('mw-a'));
      expect(await store.cancel('mw-a', T + HOUR, 'Lena Lead')).toBe(true);
      expect(await store.cancel('mw-a', T + HOUR + 1, 'Someone Else')).toBe(false);
      expect(await store.cancel('mw-none', T, 'x')).toBe(false);
      expect(await store.get('mw-a')).toMatchObject({ cancelledAt: T + HOUR, cancelledBy: 'Lena Lead' });
    });

    it('lists the windows still in force at a time, by start: not ended, not cancelled before it', async () => {
      await store.create(windowRow('mw-late', { startsAt: T + HOUR, endsAt: T + 3 * HOUR }));
      await store.create(windowRow('mw-early', { startsAt: T - HOUR, endsAt: T + HOUR }));
      await store.create(windowRow('mw-over', { startsAt: T - 3 * HOUR, endsAt: T - HOUR }));
      await store.create(windowRow('mw-cut', { startsAt: T - HOUR, endsAt: T + 5 * HOUR }));
      await store.cancel('mw-cut', T - 1, 'Lena Lead');
      expect((await store.endingAfter(T)).map((w) => w.id)).toEqual(['mw-early', 'mw-late']);
      expect((await store.endingAfter(T - 2 * HOUR)).map((w) => w.id)).toEqual(['mw-over', 'mw-cut', 'mw-early', 'mw-late']);
    });

    it('finds the windows that may cover raises in a range, declared by the time they were received', async () => {
      await store.create(windowRow('mw-a'));
      await store.create(windowRow('mw-future-decl', { declaredAt: T + 10 * HOUR }));
      await store.create(windowRow('mw-after', { startsAt: T + 5 * HOUR, endsAt: T + 6 * HOUR }));
      await store.create(windowRow('mw-cancelled', {}));
      await store.cancel('mw-cancelled', T - 1, 'x');
      const found = await store.covering(T + 10, T + 20, T + HOUR);
      expect(found.map((w) => w.id)).toEqual(['mw-a']);
      expect(found[0]).toEqual({ id: 'mw-a', title: 'Splice mw-a', scope: { regions: [], sites: ['S-1'], elements: [] }, startsAt: T, endsAt: T + 2 * HOUR, declaredAt: T - HOUR, reference: null, declaredBy: 'Lena Lead', actorId: null, cancelledBy: null });
      expect((await store.covering(T + 2 * HOUR, T + 5 * HOUR, T + 10 * HOUR)).map((w) => w.id)).toEqual(['mw-after']);
    });

    it('counts the alarms each window marked: their current life began in it and their state names it', async () => {
      await store.create(windowRow('mw-a'));
      await store.create(windowRow('mw-b', { startsAt: T + 3 * HOUR, endsAt: T + 4 * HOUR }));
      await f.seed(
        [itemSql('alarm:x:1', T + 10, 'mw-a'), itemSql('alarm:x:2', T + HOUR, 'mw-a'), itemSql('alarm:x:3', T + HOUR, null), itemSql('alarm:x:4', T + 5 * HOUR, 'mw-a'), itemSql('truckroll:x:5', T + 10, 'mw-a', 'truckroll')].join('\n'),
      );
      const counts = await store.plannedAlarmCounts([windowRow('mw-a'), windowRow('mw-b', { startsAt: T + 3 * HOUR, endsAt: T + 4 * HOUR })]);
      expect(Object.fromEntries(counts)).toEqual({ 'mw-a': 2, 'mw-b': 0 });
    });
  });
}
