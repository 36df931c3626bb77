import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertmanagerGroupsStore } from '../../src/services/ports/alertmanager-groups-store';
import type { OpenStore, StoreFixture } from './store-fixture';
import { eventInsertSql, workItem, workItemInsertSql } from './work-items-store.contract';

/** A group key as Alertmanager writes them (quotes, braces, a colon). */
const GROUP = '{}/{severity="critical"}:{alertname="DiskFull", team="o\'neil"}';
const OTHER_GROUP = '{}:{alertname="LinkDown"}';
const URL = 'http://alertmanager.example:9093';

/** The raw payload OpsQuest keeps beside an Alertmanager event (alertmanager-raw.ts), for one alert. */
const rawOf = (fields: Record<string, unknown>, fingerprint: string): string =>
  JSON.stringify({ version: '4', receiver: 'opsquest', ...fields, alerts: [{ status: 'firing', labels: { alertname: 'DiskFull' }, fingerprint }] });

const am = (fingerprint: string, raw: string | null, via = 'alertmanager'): string => eventInsertSql({ itemKey: `alarm:alertmanager:${fingerprint}`, via, raw });

/** The AlertmanagerGroupsStore port (it only reads: work items and events are seeded with SQL), checked the same way on every adapter. */
export function describeAlertmanagerGroupsStoreContract(engine: string, open: OpenStore<AlertmanagerGroupsStore>): void {
  describe(`AlertmanagerGroupsStore contract (${engine})`, () => {
    let f: StoreFixture<AlertmanagerGroupsStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it('lists the keys of the open alarms of the Alertmanager source only (prefix compared byte by byte)', async () => {
      expect(await f.store.openAlarmKeys()).toEqual([]);
      const open = ['alarm:alertmanager:f1', 'alarm:alertmanager:F2', 'alarm:alertmanager:a-b', 'alarm:alertmanager:a.b', 'alarm:alertmanager:', 'alarm:alertmanager:zz:9', 'alarm:alertmanager:ü'];
      const items = [
        ...open.map((key, n) => workItem(key, { severity: n % 2 ? 'critical' : 'minor' })),
        workItem('alarm:alertmanager:closed', { open: false, status: 'cleared' }),
        workItem('alarm:alertmanager;f1'),
        workItem('alarm:alertmanager9:f1'),
        workItem('alarm:alertmanagerx:f1'),
        workItem('alarm:alertmanage:f1'),
        workItem('alarm:Alertmanager:f1'),
        workItem('Alarm:alertmanager:f1'),
        workItem('alarm:nms:f1'),
        { ...workItem('order:alertmanager:f1'), key: 'alarm:alertmanager:order-stream', stream: 'order' as const },
      ];
      await f.seed(items.map((item) => workItemInsertSql(item, 1_000)).join(''));
      const keys = await f.store.openAlarmKeys();
      expect([...keys].sort()).toEqual([...open].sort());
      expect(keys).toHaveLength(open.length);
    });

    it("tells the fingerprints whose latest Alertmanager payload names this group and URL, in the order asked, repeats kept", async () => {
      await f.seed(
        [
          am('f1', rawOf({ groupKey: GROUP, externalURL: URL }, 'f1')),
          // f2 came in this group, then last in another
          am('f2', rawOf({ groupKey: GROUP, externalURL: URL }, 'f2')),
          am('f2', rawOf({ groupKey: OTHER_GROUP, externalURL: URL }, 'f2')),
          // f3's latest event kept no raw payload (pruned or not differing): the one before decides
          am('f3', rawOf({ groupKey: GROUP, externalURL: URL }, 'f3')),
          am('f3', null),
          // f4's latest event is not Alertmanager's
          am('f4', rawOf({ groupKey: GROUP, externalURL: URL }, 'f4')),
          am('f4', rawOf({ groupKey: OTHER_GROUP, externalURL: URL }, 'f4'), 'console'),
          // f5's latest payload is not JSON: it names no group (the one before does not count)
          am('f5', rawOf({ groupKey: GROUP, externalURL: URL }, 'f5')),
          am('f5', '{"groupKey": "broken'),
          // f6 without an external URL, f7 with a null one: both read as ''
          am('f6', rawOf({ groupKey: GROUP }, 'f6')),
          am('f7', rawOf({ groupKey: GROUP, externalURL: null }, 'f7')),
          // a number is not the string '5'
          am('f8', rawOf({ groupKey: 5, externalURL: URL }, 'f8')),
          // JSON, but not an object
          am('f9', JSON.stringify([{ groupKey: GROUP, externalURL: URL }])),
          am('f9b', JSON.stringify(GROUP)),
          // text PostgreSQL's JSON functions refuse (a NUL, a lone surrogate) in a label
          am('f10', rawOf({ groupKey: GROUP, externalURL: URL, groupLabels: { note: 'nul \u0000 half \ud83d' } }, 'f10')),
          // another URL, a group key in other case
          am('f12', rawOf({ groupKey: GROUP, externalURL: `${URL}/` }, 'f12')),
          am('f13', rawOf({ groupKey: GROUP.toUpperCase(), externalURL: URL }, 'f13')),
          am('f14', rawOf({ groupKey: OTHER_GROUP, externalURL: URL }, 'f14')),
          am('f14', rawOf({ groupKey: GROUP, externalURL: URL }, 'f14')),
        ].join(''),
      );
      const ask = (fps: string[], groupKey: string, url: string): Promise<string[]> =>
        f.store.fingerprintsInGroup(
          fps.map((fp) => `alarm:alertmanager:${fp}`),
          groupKey,
          url,
        );
      expect(await ask(['f5', 'f14', 'f1', 'f3', 'f1', 'f4', 'f10', 'f11', 'f2', 'f12', 'f13', 'f8', 'f9', 'f9b', 'f6', 'f7'], GROUP, URL)).toEqual(['f14', 'f1', 'f3', 'f1', 'f4', 'f10']);
      expect(await ask(['f7', 'f6', 'f1'], GROUP, '')).toEqual(['f7', 'f6']);
      expect(await ask(['f2', 'f4', 'f1', 'f14'], OTHER_GROUP, URL)).toEqual(['f2']);
      expect(await ask(['f8'], '5', URL)).toEqual([]);
      expect(await ask(['f12'], GROUP, `${URL}/`)).toEqual(['f12']);
      expect(await ask(['f1'], GROUP, URL.toUpperCase())).toEqual([]);
      expect(await f.store.fingerprintsInGroup([], GROUP, URL)).toEqual([]);
    });

    it('reads inside a unit of work like outside it', async () => {
      await f.seed(workItemInsertSql(workItem('alarm:alertmanager:f1'), 1_000) + am('f1', rawOf({ groupKey: GROUP, externalURL: URL }, 'f1')));
      const inside = await f.uow.run(async () => ({ keys: await f.store.openAlarmKeys(), group: await f.store.fingerprintsInGroup(['alarm:alertmanager:f1'], GROUP, URL) }));
      expect(inside).toEqual({ keys: ['alarm:alertmanager:f1'], group: ['f1'] });
    });
  });
}
