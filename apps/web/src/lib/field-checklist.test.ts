import { describe, expect, it } from 'vitest';
import { optimisticChecklist } from './field-checklist';
import type { FieldActionBody, OutboxEntry } from './outbox';

const entry = (body: Omit<FieldActionBody, 'occurredAt'>, n: number): OutboxEntry => ({
  idempotencyKey: `key-${n}-abcdef`,
  username: 'tech',
  itemId: 1,
  itemTitle: 'Visit',
  body: { ...body, occurredAt: new Date(Date.UTC(2025, 0, 1, 8, n)).toISOString() },
  attempts: 0,
});

describe('optimisticChecklist', () => {
  const server = [
    { id: 'a', label: 'A', done: false },
    { id: 'b', label: 'B', done: true, doneBy: 'tech', doneAt: '2025-01-01T07:00:00.000Z' },
  ];

  it('shows the server’s ticks when nothing waits', () => {
    expect(optimisticChecklist(server, [])).toEqual(server.map((item) => ({ ...item, waiting: false })));
    expect(optimisticChecklist(undefined, [])).toEqual([]);
  });

  it('applies the queued ticks in order, the last one winning, and ignores other actions', () => {
    const pending = [
      entry({ action: 'tickChecklist', checklistItemId: 'a', done: true }, 1),
      entry({ action: 'onSite' }, 2),
      entry({ action: 'tickChecklist', checklistItemId: 'b', done: false }, 3),
      entry({ action: 'tickChecklist', checklistItemId: 'a', done: false }, 4),
      entry({ action: 'tickChecklist', checklistItemId: 'gone', done: true }, 5),
    ];
    const shown = optimisticChecklist(server, pending);
    expect(shown.map((c) => [c.id, c.done, c.waiting])).toEqual([
      ['a', false, true],
      ['b', false, true],
    ]);
  });
});
