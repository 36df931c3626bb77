import { describe, expect, it } from 'vitest';
import { isoOfLocalInput, localInputValue, namesOf } from './maintenance-form';

describe('the planned-work form', () => {
  it('reads names one per comma or line, without blanks or repeats', () => {
    expect(namesOf(' S-1, S-2\nS-3,, S-1 \n')).toEqual(['S-1', 'S-2', 'S-3']);
    expect(namesOf('  ')).toEqual([]);
  });

  it('turns a local date-time field into an instant and back', () => {
    const ms = new Date(2026, 11, 6, 14, 30).getTime();
    expect(localInputValue(ms)).toBe('2026-12-06T14:30');
    expect(isoOfLocalInput('2026-12-06T14:30')).toBe(new Date(ms).toISOString());
    expect(isoOfLocalInput('')).toBeUndefined();
    expect(isoOfLocalInput('not a date')).toBeUndefined();
  });
});
