import type { Stream } from './event';

/**
 * Skill tracks: mastery per kind of work. A track's XP is the net points a person earned in that
 * stream (reversals count against it); levels unlock titles that say what the person has shown.
 */
export interface SkillTrack {
  id: Stream;
  name: string;
  /** what the track is about, in one line */
  description: string;
  /** XP to reach level 2, 3, ... (level 1 at 0) */
  thresholds: readonly number[];
  /** what each level unlocks, from level 1 */
  unlocks: readonly string[];
}

export const SKILL_TRACKS: readonly SkillTrack[] = [
  {
    id: 'alarm',
    name: 'Alarm handling',
    description: 'Acknowledging and clearing alarms fast, and clears that stay clear.',
    thresholds: [150, 500, 1200, 2500, 5000],
    unlocks: ['NOC Trainee', 'Alarm Handler', 'Incident Responder', 'Storm Lead', 'NOC Veteran', 'Network Guardian'],
  },
  {
    id: 'truckroll',
    name: 'Field work',
    description: 'On-site on time, fixes on the first visit, happy customers.',
    thresholds: [150, 500, 1200, 2500, 5000],
    unlocks: ['Field Trainee', 'Field Technician', 'Fixer', 'Senior Fixer', 'Field Veteran', 'Master Technician'],
  },
  {
    id: 'order',
    name: 'Order handling',
    description: 'Orders started and completed within their targets, VIP accounts looked after.',
    thresholds: [100, 350, 900, 2000, 4000],
    unlocks: ['Order Trainee', 'Order Handler', 'Fulfilment Specialist', 'Order Expert', 'Fulfilment Veteran', 'Order Master'],
  },
];

/** The progress counter that holds a track's XP. */
export function trackCounterKey(stream: Stream): string {
  return `track:${stream}`;
}

export interface TrackStanding {
  id: Stream;
  name: string;
  description: string;
  xp: number;
  level: number;
  title: string;
  /** XP of the next level, and what it unlocks; absent at the top */
  next?: { xp: number; unlocks: string };
  /** 0..100 within the current level */
  progressPct: number;
}

export function trackStanding(track: SkillTrack, xp: number): TrackStanding {
  const safe = Math.max(0, xp);
  let level = 1;
  while (level - 1 < track.thresholds.length && safe >= (track.thresholds[level - 1] ?? Infinity)) level += 1;
  const start = level === 1 ? 0 : (track.thresholds[level - 2] ?? 0);
  const nextXp = track.thresholds[level - 1];
  const title = track.unlocks[level - 1] ?? track.unlocks[track.unlocks.length - 1] ?? '';
  return {
    id: track.id,
    name: track.name,
    description: track.description,
    xp,
    level,
    title,
    ...(nextXp !== undefined ? { next: { xp: nextXp, unlocks: track.unlocks[level] ?? '' } } : {}),
    progressPct: nextXp === undefined ? 100 : Math.round(((safe - start) / (nextXp - start)) * 100),
  };
}

/** A person's standing on every track, from their progress counters. */
export function trackStandings(counters: Readonly<Record<string, number>>): TrackStanding[] {
  return SKILL_TRACKS.map((t) => trackStanding(t, counters[trackCounterKey(t.id)] ?? 0));
}
