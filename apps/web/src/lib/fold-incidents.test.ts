import { describe, expect, it } from 'vitest';
import type { WorkItemView } from '@opsquest/contracts';
import { foldIncidents } from './fold-incidents';

const row = (id: number, incident?: { id: string; root: boolean }): WorkItemView =>
  ({ id, title: `A${id}`, ...(incident ? { incidentId: incident.id, incidentRoot: incident.root } : {}) }) as WorkItemView;

describe('folding incidents on the alarm board', () => {
  const board = [row(1, { id: 'i1', root: false }), row(2), row(3, { id: 'i1', root: true }), row(4, { id: 'i1', root: false }), row(5, { id: 'i2', root: false })];

  it('folds children under a root that is on the board, and counts them', () => {
    const folded = foldIncidents(board, new Set());
    expect(folded.rows.map((r) => r.id)).toEqual([2, 3, 5]);
    expect(folded.children.get('i1')).toBe(2);
    // i2's root is not on the board: its child shows as it is
    expect(folded.children.has('i2')).toBe(false);
  });

  it('lists an opened incident’s children right after its root, in the board’s order', () => {
    expect(foldIncidents(board, new Set(['i1'])).rows.map((r) => r.id)).toEqual([2, 3, 1, 4, 5]);
  });
});
