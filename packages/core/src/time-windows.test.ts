import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayFromNumber, dayNumber, isValidTimeZone, localParts, startOfLocalDay, weekdayOf, windowKeys } from './time-windows';

const ms = (iso: string): number => Date.parse(iso);
const keys = (iso: string, zone: string) => windowKeys(ms(iso), zone);
const hour = (iso: string, zone: string) => localParts(ms(iso), zone).hour;

describe('window keys in UTC', () => {
  it('day, Monday week and month', () => {
    expect(keys('2024-01-07T23:59:59.999Z', 'UTC')).toEqual({ day: '2024-01-07', week: '2024-01-01', month: '2024-01', all: 'all' });
    expect(keys('2024-01-08T00:00:00.000Z', 'UTC')).toEqual({ day: '2024-01-08', week: '2024-01-08', month: '2024-01', all: 'all' });
    expect(keys('2024-01-14T12:00:00Z', 'UTC').week).toBe('2024-01-08');
  });

  it('weeks run across month and year ends', () => {
    expect(keys('2024-03-01T08:00:00Z', 'UTC')).toEqual({ day: '2024-03-01', week: '2024-02-26', month: '2024-03', all: 'all' });
    expect(keys('2025-01-01T08:00:00Z', 'UTC')).toEqual({ day: '2025-01-01', week: '2024-12-30', month: '2025-01', all: 'all' });
    expect(keys('2024-02-29T08:00:00Z', 'UTC').day).toBe('2024-02-29');
  });

  it('localParts gives hour and ISO weekday', () => {
    expect(localParts(ms('2024-01-07T23:59:00Z'), 'UTC')).toEqual({ day: '2024-01-07', year: 2024, month: 1, dayOfMonth: 7, hour: 23, weekday: 7 });
    expect(localParts(ms('2024-01-08T00:00:00Z'), 'Etc/UTC')).toEqual({ day: '2024-01-08', year: 2024, month: 1, dayOfMonth: 8, hour: 0, weekday: 1 });
  });
});

describe('window keys in Europe/Berlin', () => {
  const zone = 'Europe/Berlin';

  it('a late Sunday evening in UTC is already Monday in Berlin', () => {
    expect(keys('2024-01-07T22:59:00Z', zone)).toEqual({ day: '2024-01-07', week: '2024-01-01', month: '2024-01', all: 'all' });
    expect(keys('2024-01-07T23:00:00Z', zone)).toEqual({ day: '2024-01-08', week: '2024-01-08', month: '2024-01', all: 'all' });
    expect(keys('2024-01-31T23:30:00Z', zone)).toEqual({ day: '2024-02-01', week: '2024-01-29', month: '2024-02', all: 'all' });
    expect(keys('2024-12-31T23:30:00Z', zone)).toEqual({ day: '2025-01-01', week: '2024-12-30', month: '2025-01', all: 'all' });
  });

  it('spring forward (31 March 2024): 02:00 does not exist, midnight moves to 22:00 UTC', () => {
    expect(hour('2024-03-31T00:59:00Z', zone)).toBe(1);
    expect(hour('2024-03-31T01:00:00Z', zone)).toBe(3);
    expect(keys('2024-03-31T21:59:00Z', zone)).toEqual({ day: '2024-03-31', week: '2024-03-25', month: '2024-03', all: 'all' });
    expect(keys('2024-03-31T22:00:00Z', zone)).toEqual({ day: '2024-04-01', week: '2024-04-01', month: '2024-04', all: 'all' });
  });

  it('fall back (27 October 2024): 02:xx happens twice, midnight moves to 23:00 UTC', () => {
    expect(hour('2024-10-27T00:30:00Z', zone)).toBe(2);
    expect(hour('2024-10-27T01:30:00Z', zone)).toBe(2);
    expect(hour('2024-10-27T02:00:00Z', zone)).toBe(3);
    expect(keys('2024-10-27T22:59:00Z', zone)).toEqual({ day: '2024-10-27', week: '2024-10-21', month: '2024-10', all: 'all' });
    expect(keys('2024-10-27T23:00:00Z', zone)).toEqual({ day: '2024-10-28', week: '2024-10-28', month: '2024-10', all: 'all' });
  });

  it('startOfLocalDay finds local midnight on both sides of DST', () => {
    expect(startOfLocalDay('2024-01-08', zone)).toBe(ms('2024-01-07T23:00:00Z'));
    expect(startOfLocalDay('2024-03-31', zone)).toBe(ms('2024-03-30T23:00:00Z'));
    expect(startOfLocalDay('2024-04-01', zone)).toBe(ms('2024-03-31T22:00:00Z'));
    expect(startOfLocalDay('2024-10-27', zone)).toBe(ms('2024-10-26T22:00:00Z'));
    expect(startOfLocalDay('2024-10-28', zone)).toBe(ms('2024-10-27T23:00:00Z'));
  });
});

describe('window keys in America/New_York', () => {
  const zone = 'America/New_York';

  it('an early Monday in UTC is still Sunday in New York', () => {
    expect(keys('2024-01-08T04:59:00Z', zone)).toEqual({ day: '2024-01-07', week: '2024-01-01', month: '2024-01', all: 'all' });
    expect(keys('2024-01-08T05:00:00Z', zone)).toEqual({ day: '2024-01-08', week: '2024-01-08', month: '2024-01', all: 'all' });
    expect(keys('2024-03-01T04:59:00Z', zone)).toEqual({ day: '2024-02-29', week: '2024-02-26', month: '2024-02', all: 'all' });
    expect(keys('2025-01-01T04:59:00Z', zone)).toEqual({ day: '2024-12-31', week: '2024-12-30', month: '2024-12', all: 'all' });
  });

  it('spring forward (10 March 2024)', () => {
    expect(hour('2024-03-10T06:59:00Z', zone)).toBe(1);
    expect(hour('2024-03-10T07:00:00Z', zone)).toBe(3);
    expect(keys('2024-03-11T03:59:00Z', zone)).toEqual({ day: '2024-03-10', week: '2024-03-04', month: '2024-03', all: 'all' });
    expect(keys('2024-03-11T04:00:00Z', zone)).toEqual({ day: '2024-03-11', week: '2024-03-11', month: '2024-03', all: 'all' });
  });

  it('fall back (3 November 2024)', () => {
    expect(hour('2024-11-03T05:30:00Z', zone)).toBe(1);
    expect(hour('2024-11-03T06:30:00Z', zone)).toBe(1);
    expect(keys('2024-11-04T04:59:00Z', zone)).toEqual({ day: '2024-11-03', week: '2024-10-28', month: '2024-11', all: 'all' });
    expect(keys('2024-11-04T05:00:00Z', zone)).toEqual({ day: '2024-11-04', week: '2024-11-04', month: '2024-11', all: 'all' });
  });

  it('startOfLocalDay', () => {
    expect(startOfLocalDay('2024-03-10', zone)).toBe(ms('2024-03-10T05:00:00Z'));
    expect(startOfLocalDay('2024-03-11', zone)).toBe(ms('2024-03-11T04:00:00Z'));
    expect(startOfLocalDay('2024-11-03', zone)).toBe(ms('2024-11-03T04:00:00Z'));
    expect(startOfLocalDay('2024-11-04', zone)).toBe(ms('2024-11-04T05:00:00Z'));
    expect(startOfLocalDay('2024-01-08', 'UTC')).toBe(ms('2024-01-08T00:00:00Z'));
  });
});

describe('zones with unusual transitions', () => {
  it("St John's changes its clocks at half past a UTC hour", () => {
    // 2024-03-10 02:00 NST (UTC-3:30) = 05:30 UTC becomes 03:00 NDT
    expect(localParts(ms('2024-03-10T05:15:00Z'), 'America/St_Johns').hour).toBe(1);
    expect(localParts(ms('2024-03-10T05:45:00Z'), 'America/St_Johns').hour).toBe(3);
  });

  it('Santiago skips or repeats midnight itself; the day still starts on that day', () => {
    // 2024-09-08 00:00 -04 does not exist: the day starts at 01:00 -03 = 04:00 UTC
    expect(startOfLocalDay('2024-09-08', 'America/Santiago')).toBe(ms('2024-09-08T04:00:00Z'));
    // 2024-04-06 24:00 -03 becomes 23:00 -04: 7 April starts at 00:00 -04 = 04:00 UTC
    expect(startOfLocalDay('2024-04-07', 'America/Santiago')).toBe(ms('2024-04-07T04:00:00Z'));
  });
});

/** Reference: what Intl says directly about an instant. */
function referenceParts(epochMs: number, timeZone: string): { day: string; hour: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short' }).formatToParts(new Date(epochMs));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')), weekday };
}

describe('properties against Intl', () => {
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata'];
  const instants = fc.integer({ min: ms('2000-01-01T00:00:00Z'), max: ms('2040-01-01T00:00:00Z') });

  it('localParts matches Intl for any instant', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (epoch, zone) => {
        const p = localParts(epoch, zone);
        expect({ day: p.day, hour: p.hour, weekday: p.weekday }).toEqual(referenceParts(epoch, zone));
      }),
      { numRuns: 400 },
    );
  });

  it('startOfLocalDay is the first instant of that local day', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (epoch, zone) => {
        const { day } = localParts(epoch, zone);
        const start = startOfLocalDay(day, zone);
        expect(localParts(start, zone).day).toBe(day);
        expect(localParts(start - 1, zone).day).not.toBe(day);
        expect(start).toBeLessThanOrEqual(epoch);
      }),
      { numRuns: 300 },
    );
  });

  it('the week key is the Monday on or before the day', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (epoch, zone) => {
        const k = windowKeys(epoch, zone);
        expect(weekdayOf(k.week)).toBe(1);
        const gap = dayNumber(k.day) - dayNumber(k.week);
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThan(7);
        expect(k.month).toBe(k.day.slice(0, 7));
      }),
      { numRuns: 300 },
    );
  });
});

describe('calendar helpers', () => {
  it('dayNumber / dayFromNumber / weekdayOf', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-01-08')).toBe(19730);
    expect(dayFromNumber(19730)).toBe('2024-01-08');
    expect(dayFromNumber(dayNumber('2024-02-29') + 1)).toBe('2024-03-01');
    expect(['2024-01-08', '2024-01-13', '2024-01-14', '2000-02-29'].map(weekdayOf)).toEqual([1, 6, 7, 2]);
  });

  it('isValidTimeZone', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
