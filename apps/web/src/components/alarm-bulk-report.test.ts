import { describe, expect, it } from 'vitest';
import type { LedgerEntryView } from '@opsquest/contracts';
import { bulkReport, bulkReportHeadline } from './alarm-bulk-report';

const entry = (points: number): LedgerEntryView => ({ entryId: `e${points}`, personId: 'p', points, ruleId: 'r', ruleVersion: 1, reason: 'why', at: '', itemKey: 'k' });

describe('bulkReport', () => {
  it('counts successes, points and names each failure', () => {
    const report = bulkReport(
      {
        results: [
          { id: 1, status: 200, awarded: [entry(10)] },
          { id: 2, status: 200, awarded: [entry(5)] },
          { id: 3, status: 409, error: 'already acknowledged' },
        ],
      },
      (id) => (id === 3 ? 'LinkDown' : undefined),
    );
    expect(report).toEqual({ succeeded: 2, total: 3, points: 15, failures: [{ id: 3, title: 'LinkDown', error: 'already acknowledged' }] });
    expect(bulkReportHeadline(report, 'acknowledged')).toBe('2 of 3 acknowledged, +15 points; 1 failed.');
  });

  it('reads plainly when everything worked', () => {
    const report = bulkReport({ results: [{ id: 1, status: 200 }] }, () => 'x');
    expect(bulkReportHeadline(report, 'acknowledged')).toBe('1 alarm acknowledged.');
  });
});
