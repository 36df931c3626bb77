import { dedupKeyOf, MemoryStore, type EngineConfig } from '@opsquest/core';
import type { Repositories } from '../services/ports/repositories';
import { toPersonRef } from '../services/ports/people-store';
import type { IngestService } from '../services/use-cases/ingest.service';
import { parseHistory, type ImportFormat, type RejectedRow } from './history-parser';

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  /** already in the event log (or repeated within the file) */
  duplicates: number;
  rejected: RejectedRow[];
  /** stored (real run) or would be stored (dry run) */
  stored: number;
  /** events stored but not applied by their lifecycle (e.g. a clear for a cleared alarm) */
  notApplied: number;
  /** points the engine gives (real run) or would give on its own (dry run, replayed in memory) */
  points: number;
}

/**
 * Bulk import of past months for going live. Events are sorted by occurredAt and scored by the
 * same engine through the same ingest path (via 'import'). A dry run changes nothing.
 */
export class ImportService {
  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
    private readonly config: EngineConfig,
  ) {}

  async run(text: string, format: ImportFormat, dryRun: boolean): Promise<ImportReport> {
    const parsed = parseHistory(text, format);
    const ordered = [...parsed.events].sort((a, b) => Date.parse(a.event.occurredAt) - Date.parse(b.event.occurredAt) || a.line - b.line);
    const report: ImportReport = { dryRun, rows: parsed.events.length + parsed.rejected.length, valid: parsed.events.length, duplicates: 0, rejected: parsed.rejected, stored: 0, notApplied: 0, points: 0 };
    if (dryRun) {
      const seen = new Set<string>();
      const fresh: typeof ordered = [];
      for (const row of ordered) {
        const key = dedupKeyOf(row.event);
        if (seen.has(key) || (await this.repos.events.has(key))) continue;
        seen.add(key);
        fresh.push(row);
      }
      report.duplicates = ordered.length - fresh.length;
      report.stored = fresh.length;
      // What the engine would make of the file on its own (it does not see the existing history).
      const sandbox = new MemoryStore((await this.repos.people.listActive()).map(toPersonRef));
      for (const { event } of fresh) {
        const out = sandbox.ingest(event, this.config);
        if (out && !out.applied) report.notApplied += 1;
        report.points += out?.ledger.reduce((s, e) => s + e.points, 0) ?? 0;
      }
      return report;
    }
    for (let i = 0; i < ordered.length; i += 500) {
      const outcomes = await this.ingest.ingest(ordered.slice(i, i + 500).map(({ event }) => ({ event, via: 'import' })));
      for (const o of outcomes) {
        if (o.status === 'duplicate') report.duplicates += 1;
        else {
          report.stored += 1;
          if (!o.applied) report.notApplied += 1;
          report.points += o.points;
        }
      }
    }
    return report;
  }
}
