import { describe, expect, it } from 'vitest';
import type { SlaClockDto, WorkItemView } from '@opsquest/contracts';
import { compareAlarms, filterAlarms, filterOptions, NO_FILTER, toggleSeverity } from './alarm-filter';

const clock = (target: SlaClockDto['target'], extra: Partial<SlaClockDto> = {}): SlaClockDto => ({
  target,
  startedAt: '2026-01-01T00:00:00.000Z',
  dueAt: '2026-01-01T01:00:00.000Z',
  elapsedPct: 10,
  atRiskPct: 75,
  atRisk: false,
  breached: false,
  paused: false,
  ...extra,
});

let nextId = 1;
function alarm(extra: Partial<WorkItemView> = {}): WorkItemView {
  const id = nextId++;
  return {
    id,
    key: `alarm:nms:${id}`,
    stream: 'alarm',
    source: 'nms',
    externalKey: String(id),
    status: 'raised',
    ackState: 'unacknowledged',
    title: `Alarm ${id}`,
    severity: 'minor',
    serviceAffecting: false,
    customersAffected: 0,
    vip: false,
    count: 1,
    reraiseCount: 0,
    open: true,
    openedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    sla: { response: clock('response'), resolution: clock('resolution') },
    ...extra,
  };
}

describe('alarm board filter', () => {
  const crit = alarm({ severity: 'critical', region: 'north', site: 'NTH-1', title: 'LinkDown on NTH-1', probableCause: 'LinkDown' });
  const major = alarm({ severity: 'major', region: 'south', site: 'STH-2', ackState: 'acknowledged', assignee: 'eng' });
  const minorBreached = alarm({ severity: 'minor', region: 'north', site: 'NTH-3', sla: { response: clock('response', { breached: true }), resolution: clock('resolution') } });
  const minor = alarm({ severity: 'minor', alarmedObject: 'STH-9/ge-0/0/4', assignee: 'eng2', ackState: 'acknowledged' });
  const all = [minor, major, minorBreached, crit];

  it('sorts by severity, then SLA risk', () => {
    expect([...all].sort(compareAlarms).map((a) => a.id)).toEqual([crit.id, major.id, minorBreached.id, minor.id]);
  });

  it('filters by severities, state, region, site and owner', () => {
    const by = (patch: Partial<typeof NO_FILTER>): number[] => filterAlarms(all, { ...NO_FILTER, ...patch }, 'eng').map((a) => a.id);
    expect(by({ severities: ['critical', 'major'] })).toEqual([crit.id, major.id]);
    expect(by({ ack: 'acknowledged' })).toEqual([major.id, minor.id]);
    expect(by({ ack: 'unacknowledged' })).toEqual([crit.id, minorBreached.id]);
    expect(by({ region: 'north' })).toEqual([crit.id, minorBreached.id]);
    expect(by({ region: 'north', site: 'NTH-3' })).toEqual([minorBreached.id]);
    expect(by({ assignment: 'mine' })).toEqual([major.id]);
    expect(by({ assignment: 'unassigned' })).toEqual([crit.id, minorBreached.id]);
  });

  it('searches title, alarmed object, probable cause and site, every word', () => {
    const search = (text: string): number[] => filterAlarms(all, { ...NO_FILTER, search: text }, 'eng').map((a) => a.id);
    expect(search('linkdown')).toEqual([crit.id]);
    expect(search('ge-0/0/4')).toEqual([minor.id]);
    expect(search('nth-3')).toEqual([minorBreached.id]);
    expect(search('linkdown nth-1')).toEqual([crit.id]);
    expect(search('linkdown sth')).toEqual([]);
  });

  it('offers the regions, and the sites of the chosen region', () => {
    expect(filterOptions(all, '')).toEqual({ regions: ['north', 'south'], sites: ['NTH-1', 'NTH-3', 'STH-2'] });
    expect(filterOptions(all, 'south').sites).toEqual(['STH-2']);
  });

  it('toggles severities in canonical order', () => {
    expect(toggleSeverity(['minor'], 'critical')).toEqual(['critical', 'minor']);
    expect(toggleSeverity(['critical', 'minor'], 'critical')).toEqual(['minor']);
  });
});
