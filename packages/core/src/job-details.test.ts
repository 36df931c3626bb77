import { describe, expect, it } from 'vitest';
import { T0, MINUTE, at, truckEvent } from '../test-support/test-fixtures';
import { rejectReason, step } from '../test-support/lifecycle-test-helpers';
import { mergeChecklist, tickChecklist } from './job-details';

const details = {
  address: { line: '12 Harbour Road', city: 'Porto', postcode: '4000-123', country: 'PT' },
  location: { lat: 41.1496, lon: -8.611 },
  contact: { name: 'Rita Sousa', phone: '+351 912 345 678' },
  accessNotes: 'Key at the café next door',
  checklist: [
    { id: 'power', label: 'Check power at the cabinet' },
    { id: 'light', label: 'Measure light levels' },
  ],
};

describe('job details on a truck-roll', () => {
  const open = truckEvent('J1', 'open', at(0), { attributes: { technician: 'carol', ...details } });

  it('the work order brings address, location, contact, access notes and an unticked checklist', () => {
    const { item } = step(undefined, open);
    expect(item).toMatchObject({
      address: details.address,
      location: details.location,
      contact: details.contact,
      accessNotes: details.accessNotes,
      checklist: [
        { id: 'power', label: 'Check power at the cabinet', done: false },
        { id: 'light', label: 'Measure light levels', done: false },
      ],
    });
  });

  it('a tick keeps the status, pays nothing and records who and when; unticking is a tick too', () => {
    const opened = step(undefined, open).item;
    const ticked = step(opened, truckEvent('J1', 'checklistTicked', at(10), { actor: 'carol', attributes: { checklistItemId: 'light', checklistDone: true } }));
    expect(ticked.effects).toEqual([]);
    expect(ticked.item.status).toBe('open');
    expect(ticked.item.checklist?.[1]).toEqual({ id: 'light', label: 'Measure light levels', done: true, doneBy: 'carol', doneAt: T0 + 10 * MINUTE });
    expect(ticked.item.checklist?.[0]?.done).toBe(false);
    const unticked = step(ticked.item, truckEvent('J1', 'checklistTicked', at(12), { actor: 'carol', attributes: { checklistItemId: 'light', checklistDone: false } }));
    expect(unticked.item.checklist?.[1]?.done).toBe(false);
    // the status still moves on after a tick
    expect(step(unticked.item, truckEvent('J1', 'dispatched', at(15))).item.status).toBe('dispatched');
  });

  it('refuses a tick for an unknown item, a closed visit, or without its fields', () => {
    const opened = step(undefined, open).item;
    expect(rejectReason(opened, truckEvent('J1', 'checklistTicked', at(5), { attributes: { checklistItemId: 'nope', checklistDone: true } }))).toMatch(/not on this truck-roll/);
    expect(rejectReason(opened, truckEvent('J1', 'checklistTicked', at(5), { attributes: { checklistItemId: 'power' } }))).toMatch(/needs checklistItemId and checklistDone/);
    expect(rejectReason(undefined, truckEvent('J9', 'checklistTicked', at(5), { attributes: { checklistItemId: 'power', checklistDone: true } }))).toBe('unknown truck-roll');
    const done = step(opened, truckEvent('J1', 'completed', at(20), { actor: 'carol' })).item;
    expect(rejectReason(done, truckEvent('J1', 'checklistTicked', at(25), { attributes: { checklistItemId: 'power', checklistDone: true } }))).toMatch(/already completed/);
  });

  it('a later work-order change replaces the details but keeps the ticks of items that stay', () => {
    const opened = step(undefined, open).item;
    const ticked = step(opened, truckEvent('J1', 'checklistTicked', at(10), { actor: 'carol', attributes: { checklistItemId: 'power', checklistDone: true } })).item;
    const planned = step(
      ticked,
      truckEvent('J1', 'dispatched', at(20), { attributes: { accessNotes: 'Gate code 4411', checklist: [{ id: 'power', label: 'Check power (both feeds)' }, { id: 'photo', label: 'Photo of the cabinet' }] } }),
    ).item;
    expect(planned.accessNotes).toBe('Gate code 4411');
    expect(planned.address).toEqual(details.address);
    expect(planned.checklist).toEqual([
      { id: 'power', label: 'Check power (both feeds)', done: true, doneBy: 'carol', doneAt: T0 + 10 * MINUTE },
      { id: 'photo', label: 'Photo of the cabinet', done: false },
    ]);
  });
});

describe('mergeChecklist and tickChecklist', () => {
  it('start unticked and answer undefined for an item not on the list', () => {
    const list = mergeChecklist(undefined, [{ id: 'a', label: 'A' }]);
    expect(list).toEqual([{ id: 'a', label: 'A', done: false }]);
    expect(tickChecklist(list, 'b', true, 'x', 1)).toBeUndefined();
    expect(tickChecklist(undefined, 'a', true, 'x', 1)).toBeUndefined();
    expect(tickChecklist(list, 'a', true, undefined, 1)).toEqual([{ id: 'a', label: 'A', done: true, doneAt: 1 }]);
  });
});
