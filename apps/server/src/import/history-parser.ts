import { parse } from 'csv-parse/sync';
import { opsEventSchema, type OpsEventInput } from '@opsquest/contracts';

export type ImportFormat = 'csv' | 'jsonl';

export interface RejectedRow {
  /** 1-based line of the input (the CSV header is line 1) */
  line: number;
  reason: string;
}

export interface ParsedHistory {
  events: { line: number; event: OpsEventInput }[];
  rejected: RejectedRow[];
}

const TOP_LEVEL = new Set(['eventId', 'source', 'stream', 'externalKey', 'transition', 'occurredAt', 'actor']);
const BOOLEAN = new Set(['serviceAffecting', 'vip', 'firstTimeFix']);
const INTEGER = new Set(['customersAffected', 'count', 'priority']);

/** A CSV row (all strings) as an event object: known top-level columns, the rest as typed attributes. Empty cells are absent. */
function rowToObject(row: Record<string, string>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    const value = raw.trim();
    if (value === '') continue;
    if (TOP_LEVEL.has(column)) event[column] = value;
    else if (BOOLEAN.has(column)) attributes[column] = value === 'true' ? true : value === 'false' ? false : value;
    else if (INTEGER.has(column)) attributes[column] = /^-?\d+$/.test(value) ? Number(value) : value;
    else attributes[column] = value;
  }
  if (Object.keys(attributes).length > 0) event.attributes = attributes;
  return event;
}

function reasonOf(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || 'row'}: ${i.message}`)
    .join('; ');
}

/**
 * Parses history in OpsQuest's event shape, as CSV (a header row naming the event fields and
 * attribute columns) or JSON lines (one event object per line). Every row is validated by the same
 * schema as POST /api/events; rejected rows come back with their line and reason.
 */
export function parseHistory(text: string, format: ImportFormat): ParsedHistory {
  const result: ParsedHistory = { events: [], rejected: [] };
  const accept = (line: number, candidate: unknown): void => {
    const parsed = opsEventSchema.safeParse(candidate);
    if (parsed.success) result.events.push({ line, event: parsed.data });
    else result.rejected.push({ line, reason: reasonOf(parsed.error.issues) });
  };
  if (format === 'jsonl') {
    text.split(/\r?\n/).forEach((raw, index) => {
      if (raw.trim() === '') return;
      try {
        accept(index + 1, JSON.parse(raw) as unknown);
      } catch {
        result.rejected.push({ line: index + 1, reason: 'not valid JSON' });
      }
    });
    return result;
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, bom: true, info: true, relax_column_count: false }) as { record: Record<string, string>; info: { lines: number } }[];
  } catch (err) {
    const line = typeof err === 'object' && err !== null && 'lines' in err ? Number((err as { lines: unknown }).lines) : 0;
    result.rejected.push({ line, reason: `CSV cannot be read: ${err instanceof Error ? err.message : String(err)}` });
    return result;
  }
  for (const { record, info } of records) accept(info.lines, rowToObject(record));
  return result;
}
