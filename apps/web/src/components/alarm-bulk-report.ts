import type { BulkActionResult } from '@opsquest/contracts';

export interface BulkReport {
  succeeded: number;
  total: number;
  points: number;
  failures: { id: number; title: string; error: string }[];
}

/** Sums up a bulk answer for people: how many worked, the points, and each failure with its reason. */
export function bulkReport(result: BulkActionResult, titleOf: (id: number) => string | undefined): BulkReport {
  const failures = result.results
    .filter((r) => r.status < 200 || r.status >= 300)
    .map((r) => ({ id: r.id, title: titleOf(r.id) ?? `Alarm ${r.id}`, error: r.error ?? `Failed (${r.status})` }));
  const points = result.results.flatMap((r) => r.awarded ?? []).reduce((sum, entry) => sum + entry.points, 0);
  return { succeeded: result.results.length - failures.length, total: result.results.length, points, failures };
}

export function bulkReportHeadline(report: BulkReport, verb: string): string {
  const pts = report.points !== 0 ? `, ${report.points > 0 ? '+' : '−'}${Math.abs(report.points)} points` : '';
  if (report.failures.length === 0) return `${report.succeeded} ${report.succeeded === 1 ? 'alarm' : 'alarms'} ${verb}${pts}.`;
  return `${report.succeeded} of ${report.total} ${verb}${pts}; ${report.failures.length} failed.`;
}
