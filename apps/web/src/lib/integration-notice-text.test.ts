import type { IntegrationNoticeView } from '@opsquest/contracts';
import { describe, expect, it } from 'vitest';
import { noticeHeadline, sortNotices, timesText } from './integration-notice-text';

const notice = (extra: Partial<IntegrationNoticeView> = {}): IntegrationNoticeView => ({
  id: 1,
  kind: 'truncated',
  source: 'alertmanager',
  keyId: 'env',
  keyName: 'Alertmanager prod',
  groupKey: '{}:{alertname="SiteDown"}',
  groupLabels: { alertname: 'SiteDown' },
  missing: 12,
  status: null,
  reason: 'externalURL http://am:9093 is not in this key’s allow-list',
  firstAt: '2026-11-20T08:00:00.000Z',
  lastAt: '2026-11-20T08:05:00.000Z',
  occurrences: 2,
  resolvedAt: null,
  ...extra,
});

describe('noticeHeadline', () => {
  it('says how many alerts of which group were not received, and why', () => {
    expect(noticeHeadline(notice())).toBe('12 alerts of group {alertname="SiteDown"} were not received — externalURL http://am:9093 is not in this key’s allow-list');
  });

  it('says how often a request was refused, with the status and the reason', () => {
    const refused = notice({ kind: 'refused', status: 400, occurrences: 3, reason: 'body.alerts.17.startsAt: must be the time the alert started firing', groupLabels: {}, groupKey: null });
    expect(noticeHeadline(refused)).toBe('Refused 3 times (400): body.alerts.17.startsAt: must be the time the alert started firing');
    expect(noticeHeadline({ ...refused, occurrences: 1, status: null })).toBe('Refused once: body.alerts.17.startsAt: must be the time the alert started firing');
  });

  it('words the counts', () => {
    expect([1, 2, 7].map(timesText)).toEqual(['once', 'twice', '7 times']);
  });
});

describe('sortNotices', () => {
  it('puts open notices first, newest first within each', () => {
    const sorted = sortNotices([
      notice({ id: 1, lastAt: '2026-11-20T09:00:00.000Z', resolvedAt: '2026-11-20T09:10:00.000Z' }),
      notice({ id: 2, lastAt: '2026-11-20T08:00:00.000Z' }),
      notice({ id: 3, lastAt: '2026-11-20T08:30:00.000Z' }),
      notice({ id: 4, lastAt: '2026-11-20T10:00:00.000Z', resolvedAt: '2026-11-20T10:01:00.000Z' }),
    ]);
    expect(sorted.map((n) => n.id)).toEqual([3, 2, 4, 1]);
  });
});
