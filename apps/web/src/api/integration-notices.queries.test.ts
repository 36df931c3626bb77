import { QueryClient } from '@tanstack/react-query';
import type { AlarmGapView, IntegrationNoticeView } from '@opsquest/contracts';
import { describe, expect, it } from 'vitest';
import { alarmGapKeys, replaceAlarmGaps, type AlarmGapsPage } from './alarm-gaps.queries';
import { applyIntegrationNotice, integrationNoticeKeys, upsertNotice, type IntegrationNoticesPage } from './integration-notices.queries';

const notice = (id: number, extra: Partial<IntegrationNoticeView> = {}): IntegrationNoticeView => ({
  id,
  kind: 'truncated',
  source: 'alertmanager',
  keyId: 'env',
  keyName: 'env',
  groupKey: null,
  groupLabels: { alertname: 'SiteDown' },
  missing: 3,
  status: null,
  reason: 'not allowed',
  firstAt: '2026-11-20T08:00:00.000Z',
  lastAt: '2026-11-20T08:00:00.000Z',
  occurrences: 1,
  resolvedAt: null,
  ...extra,
});

describe('integration notices in the cache', () => {
  it('replaces a notice by id, or adds it on top', () => {
    const list = [notice(1), notice(2)];
    expect(upsertNotice(list, notice(2, { occurrences: 5 })).map((n) => [n.id, n.occurrences])).toEqual([
      [1, 1],
      [2, 5],
    ]);
    expect(upsertNotice(list, notice(3)).map((n) => n.id)).toEqual([3, 1, 2]);
  });

  it('updates the cached list from the socket, and leaves no list behind when none was read', () => {
    const client = new QueryClient();
    applyIntegrationNotice(client, notice(1));
    expect(client.getQueryData(integrationNoticeKeys.list())).toBeUndefined();
    client.setQueryData<IntegrationNoticesPage>(integrationNoticeKeys.list(), { notices: [notice(1)] });
    applyIntegrationNotice(client, notice(1, { resolvedAt: '2026-11-20T09:00:00.000Z' }));
    applyIntegrationNotice(client, notice(2));
    const page = client.getQueryData<IntegrationNoticesPage>(integrationNoticeKeys.list());
    expect(page?.notices.map((n) => [n.id, n.resolvedAt])).toEqual([
      [2, null],
      [1, '2026-11-20T09:00:00.000Z'],
    ]);
  });
});

describe('alarm gaps in the cache', () => {
  it('takes every open gap from the socket as the new list', () => {
    const client = new QueryClient();
    const gap: AlarmGapView = { id: 7, groupKey: null, groupLabels: { alertname: 'SiteDown' }, missing: 12, reason: 'not allowed', lastAt: '2026-11-20T08:00:00.000Z' };
    replaceAlarmGaps(client, [gap]);
    expect(client.getQueryData<AlarmGapsPage>(alarmGapKeys.open())).toEqual({ gaps: [gap] });
    replaceAlarmGaps(client, []);
    expect(client.getQueryData<AlarmGapsPage>(alarmGapKeys.open())).toEqual({ gaps: [] });
  });
});
