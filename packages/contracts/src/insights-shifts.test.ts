import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, isNightHour } from '@opsquest/core';
import { SHIFT_HOURS, SHIFT_START_HOURS, SHIFTS, shiftOfHour } from './insights.schema';

const hh = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

describe('shifts', () => {
  it('puts every local hour in exactly the shift its hours say', () => {
    for (let hour = 0; hour < 24; hour += 1) {
      const shift = shiftOfHour(hour);
      const start = SHIFT_START_HOURS[shift];
      const end = SHIFT_START_HOURS[SHIFTS[(SHIFTS.indexOf(shift) + 1) % SHIFTS.length] ?? 'day'];
      expect(SHIFT_HOURS[shift]).toBe(`${hh(start)}–${hh(end)}`);
      expect(start < end ? hour >= start && hour < end : hour >= start || hour < end).toBe(true);
    }
  });

  it('has the night shift the scoring engine pays night-shift badges and missions on', () => {
    for (let hour = 0; hour < 24; hour += 1) expect(shiftOfHour(hour) === 'night').toBe(isNightHour(hour, DEFAULT_CONFIG.night));
  });
});
