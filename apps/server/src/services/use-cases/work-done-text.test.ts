import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, createItem, STREAMS, TRANSITIONS_BY_STREAM, type OpsEvent, type Stream, type WorkItem } from '@opsquest/core';
import { workDoneText, workItemText } from './work-done-text';

const NAME = 'Ana Costa';

/** A realistic item per stream, made the way the lifecycles make them. */
function itemOf(stream: Stream): WorkItem {
  const attributes: Record<Stream, OpsEvent['attributes']> = {
    alarm: { perceivedSeverity: 'minor', title: 'FiberCut', site: 'SITE-12' },
    order: { title: 'Fibre 1 Gbit for ACME' },
    truckroll: { site: 'SITE-12', csat: 4, firstTimeFix: true },
  };
  const event: OpsEvent = { source: 'test', stream, externalKey: { alarm: 'A-1', order: 'ORD-17', truckroll: 'TR-9' }[stream], transition: 'raised', occurredAt: '2026-11-24T10:00:00.000Z', attributes: attributes[stream] };
  const item = createItem(event, Date.parse(event.occurredAt), DEFAULT_CONFIG.slaTable, 'open');
  return stream === 'truckroll' ? { ...item, csat: 4, firstTimeFix: true } : item;
}

/** camelCase transition names ("inProgress", "slaAtRisk") must never reach a person. */
const CAMEL = /\b[a-z]+[A-Z][a-zA-Z]*\b/;

describe('feed sentences for every transition of every stream', () => {
  for (const stream of STREAMS) {
    const item = itemOf(stream);
    const thing = workItemText(item);
    for (const transition of TRANSITIONS_BY_STREAM[stream]) {
      it(`${stream} ${transition} reads as a sentence`, () => {
        const text = workDoneText(NAME, transition, item, { slaTarget: 'response' });
        expect(text).not.toMatch(/moved to|worked on/);
        expect(text).not.toMatch(CAMEL);
        // the person first, the work item named, no stray spaces or trailing full stop (feed lines are not sentences with stops)
        expect(text.startsWith(NAME)).toBe(true);
        expect(text).toContain(thing);
        expect(text).not.toMatch(/\s{2}|\s$|\.$/);
      });
    }
    it(`${stream}: each transition has its own words`, () => {
      const texts = TRANSITIONS_BY_STREAM[stream].map((t) => workDoneText(NAME, t, item, { slaTarget: 'response' }));
      expect(new Set(texts).size).toBe(texts.length);
    });
  }

  it('names the work as people do', () => {
    expect(workItemText(itemOf('alarm'))).toBe('minor alarm FiberCut at SITE-12');
    expect(workItemText(itemOf('order'))).toBe('order ORD-17 (Fibre 1 Gbit for ACME)');
    expect(workItemText(itemOf('truckroll'))).toBe('truck-roll TR-9 to SITE-12');
    expect(workDoneText(NAME, 'commented', itemOf('alarm'))).toBe('Ana Costa commented on minor alarm FiberCut at SITE-12');
  });

  it('tells a reopen, a severity change, a resumed order, a first-time fix and a rating apart', () => {
    const alarm = itemOf('alarm');
    expect(workDoneText(NAME, 'raised', alarm, { effects: ['reopened'] })).toBe('Ana Costa reopened minor alarm FiberCut at SITE-12');
    expect(workDoneText(NAME, 'updated', { ...alarm, severity: 'major' }, { previous: alarm })).toBe('Ana Costa raised the severity of alarm FiberCut from minor to major');
    expect(workDoneText(NAME, 'updated', alarm, { previous: { ...alarm, severity: 'critical' } })).toBe('Ana Costa lowered the severity of alarm FiberCut from critical to minor');
    expect(workDoneText(NAME, 'inProgress', itemOf('order'), { effects: ['resumed'] })).toBe('Ana Costa resumed work on order ORD-17 (Fibre 1 Gbit for ACME)');
    expect(workDoneText(NAME, 'completed', itemOf('truckroll'))).toBe('Ana Costa completed truck-roll TR-9 to SITE-12, fixed first time');
    expect(workDoneText(NAME, 'rated', itemOf('truckroll'))).toBe("Ana Costa's visit on truck-roll TR-9 to SITE-12 was rated 4 out of 5 by the customer");
    expect(workDoneText(NAME, 'slaBreached', alarm, { slaTarget: 'resolution' })).toBe("Ana Costa's minor alarm FiberCut at SITE-12 missed its resolution target");
  });
});
