import { describe, expect, it } from 'vitest';
import { maintenanceStateAt, scopeText } from './maintenance-state';

describe('planned work in the browser', () => {
  const w = { startsAt: '2026-12-06T10:00:00Z', endsAt: '2026-12-06T12:00:00Z', cancelledAt: null, state: 'upcoming' as const };
  const at = (iso: string): number => Date.parse(iso);

  it('is upcoming, active, then ended by the clock; cancelled once cancelled', () => {
    expect(maintenanceStateAt(w, at('2026-12-06T09:59:59Z'))).toBe('upcoming');
    expect(maintenanceStateAt(w, at('2026-12-06T10:00:00Z'))).toBe('active');
    expect(maintenanceStateAt(w, at('2026-12-06T12:00:00Z'))).toBe('ended');
    expect(maintenanceStateAt({ ...w, cancelledAt: '2026-12-06T11:00:00Z' }, at('2026-12-06T11:00:00Z'))).toBe('cancelled');
    expect(maintenanceStateAt({ ...w, cancelledAt: '2026-12-06T11:00:00Z' }, at('2026-12-06T10:30:00Z'))).toBe('active');
    // the server said cancelled: a browser clock a second behind does not bring it back
    expect(maintenanceStateAt({ ...w, cancelledAt: '2026-12-06T11:00:00Z', state: 'cancelled' }, at('2026-12-06T10:59:59Z'))).toBe('cancelled');
  });

  it('says what a window touches in one line', () => {
    expect(scopeText({ sites: ['S-1'], regions: [], elements: [] })).toBe('site S-1');
    expect(scopeText({ sites: ['S-1', 'S-2'], regions: ['North'], elements: ['OLT-3', 'OLT-4'] })).toBe('sites S-1, S-2 · region North · elements OLT-3, OLT-4');
  });
});
