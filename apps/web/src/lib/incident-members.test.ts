import { describe, expect, it } from 'vitest';
import type { WorkItemView } from '@opsquest/contracts';
import { alarmLabel, incidentMembers, isGrouped, mergeTargets } from './incident-members';

interface Shape {
  incident?: { id: string; root: boolean };
  open?: boolean;
  site?: string;
  planned?: boolean;
  stream?: WorkItemView['stream'];
}

const alarm = (id: number, shape: Shape = {}): WorkItemView =>
  ({
    id,
    stream: shape.stream ?? 'alarm',
    title: `A${id}`,
    open: shape.open ?? true,
    ...(shape.site === undefined ? {} : { site: shape.site }),
    ...(shape.planned ? { maintenanceWindowId: 'mw-1' } : {}),
    ...(shape.incident ? { incidentId: shape.incident.id, incidentRoot: shape.incident.root } : {}),
  }) as WorkItemView;

const root = (id: number, incident: string, site?: string): WorkItemView => alarm(id, { incident: { id: incident, root: true }, ...(site ? { site } : {}) });
const child = (id: number, incident: string): WorkItemView => alarm(id, { incident: { id: incident, root: false } });

describe('the incident of one alarm, from the open-alarms list', () => {
  const list = [child(1, 'i1'), alarm(2), root(3, 'i1', 'OSL-1'), child(4, 'i1'), child(5, 'i2'), alarm(6, { open: false, incident: { id: 'i1', root: false } })];

  it('is nothing for an alarm in no incident', () => {
    expect(incidentMembers(alarm(2), list)).toBeUndefined();
  });

  it('names a child’s root and counts the open alarms, the child included', () => {
    const members = incidentMembers(child(4, 'i1'), list);
    expect(members?.root?.id).toBe(3);
    expect(members?.children.map((c) => c.id)).toEqual([1]);
    expect(members?.size).toBe(3);
  });

  it('lists a root’s other open alarms in the list’s order', () => {
    const members = incidentMembers(root(3, 'i1'), list);
    expect(members?.root?.id).toBe(3);
    expect(members?.children.map((c) => c.id)).toEqual([1, 4]);
    expect(members?.size).toBe(3);
  });

  it('takes the page’s own copy of the alarm over the list’s (just made the root)', () => {
    const members = incidentMembers(root(4, 'i1'), list);
    expect(members?.root?.id).toBe(4);
    // the old root is still marked root in the stale list, but this alarm is the root now
    expect(members?.children.map((c) => c.id)).toEqual([1, 3]);
  });

  it('has no root when the root is not among the open alarms', () => {
    const members = incidentMembers(child(5, 'i2'), list);
    expect(members?.root).toBeUndefined();
    expect(members?.size).toBe(1);
  });

  it('calls an alarm grouped when it is a child, or a root with other open alarms', () => {
    expect(isGrouped(child(4, 'i1'), incidentMembers(child(4, 'i1'), list))).toBe(true);
    expect(isGrouped(root(3, 'i1'), incidentMembers(root(3, 'i1'), list))).toBe(true);
    // every alarm with a site starts as the root of an incident of its own
    expect(isGrouped(root(7, 'i7'), incidentMembers(root(7, 'i7'), list))).toBe(false);
    expect(isGrouped(alarm(2), incidentMembers(alarm(2), list))).toBe(false);
  });

  it('counts an alarm that is not in the list yet (the list was cut at its limit)', () => {
    expect(incidentMembers(child(99, 'i1'), list)?.size).toBe(4);
  });
});

describe('where an alarm can be merged', () => {
  const list = [
    root(1, 'i1', 'OSL-1'),
    child(2, 'i1'),
    child(3, 'i1'),
    root(4, 'i2'),
    child(5, 'i2'),
    alarm(6, { site: 'BRG-2' }),
    alarm(7, { planned: true }),
    alarm(8, { open: false }),
    alarm(9, { stream: 'order' }),
    child(10, 'i3'),
    root(11, 'i4', 'TRD-3'),
  ];

  it('offers the other incidents’ roots (with their size) and lone open alarms (or alone in an incident), never planned work, children or itself', () => {
    expect(mergeTargets(child(5, 'i2'), list)).toEqual([
      { id: 1, name: 'A1 · OSL-1', label: 'A1 · OSL-1 (incident of 3 alarms)', size: 3 },
      { id: 6, name: 'A6 · BRG-2', label: 'A6 · BRG-2', size: 1 },
      // alone in its incident: offered as a lone alarm
      { id: 11, name: 'A11 · TRD-3', label: 'A11 · TRD-3', size: 1 },
    ]);
  });

  it('offers a lone alarm every incident and the other lone alarms', () => {
    expect(mergeTargets(alarm(6, { site: 'BRG-2' }), list).map((t) => t.id)).toEqual([1, 4, 11]);
  });

  it('labels an alarm by title and site', () => {
    expect(alarmLabel({ title: 'LinkDown', site: 'OSL-1' })).toBe('LinkDown · OSL-1');
    expect(alarmLabel({ title: 'LinkDown' })).toBe('LinkDown');
  });
});
