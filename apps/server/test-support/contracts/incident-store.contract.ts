import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentClaimRequest, IncidentStore } from '../../src/services/ports/incident-store';
import type { OpenStore, StoreFixture } from './store-fixture';

const MIN = 60_000;
const T = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const W = 5 * MIN;

/** A work_items row of an alarm, in an incident or not. */
function alarmSql(key: string, o: { open?: boolean; openedAt?: number; closedAt?: number; incidentId?: string; root?: boolean; customers?: number } = {}): string {
  const open = o.open ?? true;
  const state = JSON.stringify({
    key,
    stream: 'alarm',
    open,
    openedAt: o.openedAt ?? T,
    customersAffected: o.customers ?? 0,
    ...(o.closedAt !== undefined ? { closedAt: o.closedAt } : {}),
    ...(o.incidentId !== undefined ? { incidentId: o.incidentId, incidentRoot: o.root === true } : {}),
  });
  const incident = o.incidentId !== undefined ? `'${o.incidentId}'` : 'NULL';
  return `INSERT INTO work_items (item_key, stream, status, open, severity_rank, opened_at, updated_at, state, incident_id) VALUES ('${key}', 'alarm', 'raised', ${open ? 1 : 0}, 1, ${o.openedAt ?? T}, ${T}, '${state}', ${incident});`;
}

const request = (place: string, rootKey: string, firstAt: number, lastAt = firstAt): IncidentClaimRequest => ({ place, incidentId: `inc:${rootKey}@${firstAt}`, rootKey, firstAt, lastAt, windowMs: W });

/** The IncidentStore port's promises, the same on every engine. */
export function describeIncidentStoreContract(engine: string, open: OpenStore<IncidentStore>): void {
  describe(`IncidentStore contract (${engine})`, () => {
    let f: StoreFixture<IncidentStore>;
    let store: IncidentStore;
    beforeEach(async () => {
      f = await open();
      store = f.store;
    });
    afterEach(async () => {
      await f.close();
    });

    it('reads the stored state of the alarms asked for, and nothing of others', async () => {
      await f.seed(alarmSql('alarm:n:A', { incidentId: 'inc:1', root: true, customers: 7 }) + alarmSql('alarm:n:B', { open: false, closedAt: T + MIN }));
      const states = await store.alarmStates(['alarm:n:A', 'alarm:n:B', 'alarm:n:none']);
      expect(states.get('alarm:n:A')).toEqual({ itemKey: 'alarm:n:A', open: true, openedAt: T, customersAffected: 7, incidentId: 'inc:1', incidentRoot: true });
      expect(states.get('alarm:n:B')).toEqual({ itemKey: 'alarm:n:B', open: false, openedAt: T, closedAt: T + MIN, customersAffected: 0 });
      expect(states.has('alarm:n:none')).toBe(false);
      expect((await store.alarmStates([])).size).toBe(0);
    });

    it('a run claims a free place; a later run within the window joins it and slides the window; past it a new incident replaces it', async () => {
      expect((await store.claim([request('site:a', 'R', T, T + MIN)]))[0]).toEqual({ incidentId: `inc:R@${T}`, rootKey: 'R' });
      expect((await store.claim([request('site:a', 'X', T + 5 * MIN)]))[0]).toEqual({ incidentId: `inc:R@${T}`, rootKey: 'R' });
      // the window slid to T + 5 min: T + 9 min still joins
      expect((await store.claim([request('site:a', 'Y', T + 9 * MIN)]))[0]).toEqual({ incidentId: `inc:R@${T}`, rootKey: 'R' });
      expect((await store.claim([request('site:a', 'Z', T + 20 * MIN)]))[0]).toEqual({ incidentId: `inc:Z@${T + 20 * MIN}`, rootKey: 'Z' });
      // another place is another incident; a window of 0 never joins
      expect((await store.claim([request('site:b', 'Q', T + 20 * MIN)]))[0]).toEqual({ incidentId: `inc:Q@${T + 20 * MIN}`, rootKey: 'Q' });
      expect((await store.claim([{ ...request('site:b', 'P', T + 20 * MIN), windowMs: 0 }]))[0]).toEqual({ incidentId: `inc:P@${T + 20 * MIN}`, rootKey: 'P' });
    });

    it('a closed incident takes no more alarms; a repointed claim follows its new incident', async () => {
      await store.claim([request('site:a', 'R', T)]);
      expect(await store.closing([`inc:R@${T}`])).toEqual(new Map());
      expect((await store.claim([request('site:a', 'S', T + MIN)]))[0]).toEqual({ incidentId: `inc:S@${T + MIN}`, rootKey: 'S' });
      await store.repoint(`inc:S@${T + MIN}`, { incidentId: 'inc:other', rootKey: 'O' });
      expect((await store.claim([request('site:a', 'U', T + 2 * MIN)]))[0]).toEqual({ incidentId: 'inc:other', rootKey: 'O' });
    });

    it('claims several places in one call, a place twice in order, answering each run', async () => {
      const claims = await store.claim([request('site:x', 'X1', T), request('site:y', 'Y1', T), request('site:x', 'X2', T + 20 * MIN), request('site:x', 'X3', T + 21 * MIN)]);
      expect(claims).toEqual([
        { incidentId: `inc:X1@${T}`, rootKey: 'X1' },
        { incidentId: `inc:Y1@${T}`, rootKey: 'Y1' },
        { incidentId: `inc:X2@${T + 20 * MIN}`, rootKey: 'X2' },
        { incidentId: `inc:X2@${T + 20 * MIN}`, rootKey: 'X2' },
      ]);
    });

    it('many claims on one place at once agree on one incident', async () => {
      const claims = (await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim([request('site:storm', `K${i}`, T + i * 1000)])))).flat();
      expect(new Set(claims.map((c) => c.incidentId)).size).toBe(1);
    });

    it('measures an incident’s alarms (customers summed) as it closes, and lists its open alarms root first', async () => {
      await f.seed(
        alarmSql('alarm:n:C2', { incidentId: 'inc:1', customers: 5, openedAt: T + 2 * MIN }) +
          alarmSql('alarm:n:R', { incidentId: 'inc:1', root: true, customers: 10 }) +
          alarmSql('alarm:n:C1', { incidentId: 'inc:1', customers: 3, openedAt: T + MIN }) +
          alarmSql('alarm:n:C3', { incidentId: 'inc:1', customers: 4, open: false, closedAt: T + 3 * MIN }) +
          alarmSql('alarm:n:O', { incidentId: 'inc:2', customers: 100 }),
      );
      expect(await store.closing(['inc:1', 'inc:none'])).toEqual(new Map([['inc:1', { customers: 22, alarms: 4 }]]));
      expect(await store.closing([])).toEqual(new Map());
      expect((await store.openMembers('inc:1')).map((m) => m.itemKey)).toEqual(['alarm:n:R', 'alarm:n:C1', 'alarm:n:C2']);
      expect(await store.openChildren(['inc:1', 'inc:2'])).toEqual([
        { itemKey: 'alarm:n:C1', openedAt: T + MIN, incidentId: 'inc:1' },
        { itemKey: 'alarm:n:C2', openedAt: T + 2 * MIN, incidentId: 'inc:1' },
        { itemKey: 'alarm:n:O', openedAt: T, incidentId: 'inc:2' },
      ]);
      expect(await store.openChildren(['inc:none'])).toEqual([]);
      expect(await store.openChildren([])).toEqual([]);
    });

    it('finds the open children of incidents whose root was cleared by a time, with the root’s clear time, up to a limit', async () => {
      await f.seed(
        // inc:1: root cleared at T + 10 min, two open children and a cleared one
        alarmSql('alarm:n:R1', { incidentId: 'inc:1', root: true, open: false, closedAt: T + 10 * MIN }) +
          alarmSql('alarm:n:B', { incidentId: 'inc:1', openedAt: T + 2 * MIN }) +
          alarmSql('alarm:n:A', { incidentId: 'inc:1', openedAt: T + MIN }) +
          alarmSql('alarm:n:Z', { incidentId: 'inc:1', open: false, closedAt: T + 10 * MIN }) +
          // inc:2: root still open; inc:3: root cleared later (T + 30 min); inc:4: no root stored
          alarmSql('alarm:n:R2', { incidentId: 'inc:2', root: true }) +
          alarmSql('alarm:n:C2', { incidentId: 'inc:2' }) +
          alarmSql('alarm:n:R3', { incidentId: 'inc:3', root: true, open: false, closedAt: T + 30 * MIN }) +
          alarmSql('alarm:n:C3', { incidentId: 'inc:3', openedAt: T + 40 * MIN }) +
          alarmSql('alarm:n:C4', { incidentId: 'inc:4' }) +
          alarmSql('alarm:n:free'),
      );
      const child = (itemKey: string, incidentId: string, openedAt: number, rootClearedAt: number) => ({ itemKey, incidentId, openedAt, rootClearedAt });
      expect(await store.strandedChildren(T + 20 * MIN, 10)).toEqual([child('alarm:n:A', 'inc:1', T + MIN, T + 10 * MIN), child('alarm:n:B', 'inc:1', T + 2 * MIN, T + 10 * MIN)]);
      expect(await store.strandedChildren(T + 30 * MIN, 10)).toEqual([
        child('alarm:n:A', 'inc:1', T + MIN, T + 10 * MIN),
        child('alarm:n:B', 'inc:1', T + 2 * MIN, T + 10 * MIN),
        child('alarm:n:C3', 'inc:3', T + 40 * MIN, T + 30 * MIN),
      ]);
      expect(await store.strandedChildren(T + 30 * MIN, 1)).toEqual([child('alarm:n:A', 'inc:1', T + MIN, T + 10 * MIN)]);
      expect(await store.strandedChildren(T + 9 * MIN, 10)).toEqual([]);
    });
  });
}
