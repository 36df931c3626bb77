import type { NoticeKind, NoticeRow } from '../../services/ports/integration-notices-store';

/** An integration_notices row (with its key's name) as both adapters read it, and how it becomes a NoticeRow. */
export interface RawNotice {
  id: number;
  kind: NoticeKind;
  source: string;
  key_id: string | null;
  key_name: string | null;
  group_key: string | null;
  group_labels: string;
  missing: number;
  status: number | null;
  reason: string;
  first_at: number;
  last_at: number;
  occurrences: number;
  resolved_at: number | null;
}

function parseLabels(json: string): Record<string, string> {
  const value: unknown = JSON.parse(json);
  const labels: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return labels;
  for (const [name, v] of Object.entries(value)) if (typeof v === 'string') labels[name] = v;
  return labels;
}

export const toNoticeRow = (r: RawNotice): NoticeRow => ({
  id: r.id,
  kind: r.kind,
  source: r.source,
  keyId: r.key_id,
  keyName: r.key_name,
  groupKey: r.group_key,
  groupLabels: parseLabels(r.group_labels),
  missing: r.missing,
  status: r.status,
  reason: r.reason,
  firstAt: r.first_at,
  lastAt: r.last_at,
  occurrences: r.occurrences,
  resolvedAt: r.resolved_at,
});
