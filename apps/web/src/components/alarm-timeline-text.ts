import type { TimelineEntry } from '@opsquest/contracts';
import { humanize } from '../lib/format';

const TRANSITIONS: Record<string, string> = {
  raised: 'Raised',
  updated: 'Updated',
  acknowledged: 'Acknowledged',
  unacknowledged: 'Acknowledgement withdrawn',
  cleared: 'Cleared',
  commented: 'Work note',
  slaAtRisk: 'SLA at risk',
  slaBreached: 'SLA breached',
};

/** "Raised", "Raised again" (after a clear), "SLA at risk (response)", … */
export function timelineLabel(entry: TimelineEntry, earlier: readonly TimelineEntry[]): string {
  const base = TRANSITIONS[entry.transition] ?? humanize(entry.transition);
  if (entry.transition === 'raised' && earlier.some((e) => e.applied && e.transition === 'cleared')) return 'Raised again';
  const target = entry.attributes?.slaTarget;
  if ((entry.transition === 'slaAtRisk' || entry.transition === 'slaBreached') && typeof target === 'string') return `${base} (${target})`;
  return base;
}

/** Who did it: the person's name, their username, or "automation" for events without an actor. */
export function timelineActor(entry: TimelineEntry): string {
  return entry.actorName ?? entry.actor ?? 'automation';
}

const SHOWN_ATTRIBUTES: Record<string, string> = {
  perceivedSeverity: 'severity',
  probableCause: 'cause',
  alarmedObject: 'object',
  customersAffected: 'customers',
  serviceAffecting: 'service affecting',
  count: 'count',
  site: 'site',
  region: 'region',
  notes: 'note',
};

/** The attributes an event carried that matter to an engineer, as short "name: value" pairs. */
export function timelineDetails(entry: TimelineEntry): string[] {
  const attributes = entry.attributes ?? {};
  return Object.entries(SHOWN_ATTRIBUTES).flatMap(([key, label]) => {
    const value = attributes[key];
    if (typeof value === 'string' || typeof value === 'number') return [`${label}: ${value}`];
    if (typeof value === 'boolean') return [`${label}: ${value ? 'yes' : 'no'}`];
    return [];
  });
}
