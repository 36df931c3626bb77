import { describe, expect, it } from 'vitest';
import { isFiltered, NO_FILTER } from './alarm-filter';
import { activeFilterCount } from './alarm-filter-count';

describe('active alarm filters', () => {
  it('counts nothing for the open board, and agrees with isFiltered', () => {
    expect(activeFilterCount(NO_FILTER)).toBe(0);
    expect(isFiltered(NO_FILTER)).toBe(false);
  });

  it('counts each narrowing part once: several severities are one filter, blank search is none', () => {
    const filter = { ...NO_FILTER, severities: ['critical', 'major'] as const, region: 'north', search: '   ' };
    expect(activeFilterCount(filter)).toBe(2);
    expect(activeFilterCount({ ...filter, search: 'cpu', ack: 'unacknowledged', assignment: 'mine', site: 'NTH-1' })).toBe(6);
  });
});
