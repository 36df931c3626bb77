import { describe, expect, it } from 'vitest';
import type { SkillTrackView } from '@opsquest/contracts';
import { tracksForRole } from './skill-track-filter';

const track = (id: SkillTrackView['id'], xp = 0): SkillTrackView => ({ id, name: id, description: '', xp, level: 1, title: 'Trainee', progressPct: 0 });
const ids = (tracks: readonly SkillTrackView[]): string[] => tracks.map((t) => t.id);

describe('skill tracks by role and actual work', () => {
  const none = [track('alarm'), track('truckroll'), track('order')];

  it('an engineer sees alarms and orders, not field work they never did', () => {
    expect(ids(tracksForRole('engineer', none))).toEqual(['alarm', 'order']);
  });

  it('a technician sees field work only, until they have alarm or order work', () => {
    expect(ids(tracksForRole('technician', none))).toEqual(['truckroll']);
    expect(ids(tracksForRole('technician', [track('alarm', 40), track('truckroll', 10), track('order')]))).toEqual(['alarm', 'truckroll']);
  });

  it('an engineer who earned field work XP keeps that track', () => {
    expect(ids(tracksForRole('engineer', [track('alarm'), track('truckroll', 5), track('order')]))).toEqual(['alarm', 'truckroll', 'order']);
  });

  it('leads and admins see every track, in the server’s order', () => {
    expect(ids(tracksForRole('lead', none))).toEqual(['alarm', 'truckroll', 'order']);
    expect(ids(tracksForRole('admin', none))).toEqual(['alarm', 'truckroll', 'order']);
  });
});
