import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@opsquest/contracts';
import { timelineActor, timelineDetails, timelineLabel } from './alarm-timeline-text';

const entry = (transition: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  seq: 1,
  at: '2026-01-01T00:00:00.000Z',
  receivedAt: '2026-01-01T00:00:00.000Z',
  transition,
  via: 'api',
  applied: true,
  points: [],
  ...extra,
});

describe('timeline text', () => {
  it('names transitions, re-raises and SLA events', () => {
    expect(timelineLabel(entry('acknowledged'), [])).toBe('Acknowledged');
    expect(timelineLabel(entry('raised'), [entry('raised')])).toBe('Raised');
    expect(timelineLabel(entry('raised'), [entry('raised'), entry('cleared')])).toBe('Raised again');
    expect(timelineLabel(entry('slaBreached', { attributes: { slaTarget: 'response' } }), [])).toBe('SLA breached (response)');
  });

  it('says who acted, automation when nobody did', () => {
    expect(timelineActor(entry('cleared', { actor: 'eng', actorName: 'Eve Engineer' }))).toBe('Eve Engineer');
    expect(timelineActor(entry('cleared', { actor: 'ghost' }))).toBe('ghost');
    expect(timelineActor(entry('slaAtRisk'))).toBe('automation');
  });

  it('lists the attributes that matter', () => {
    expect(timelineDetails(entry('raised', { attributes: { perceivedSeverity: 'major', serviceAffecting: false, title: 'x' } }))).toEqual([
      'severity: major',
      'service affecting: no',
    ]);
  });
});
