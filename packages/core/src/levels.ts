/** XP levels on a quadratic curve: reaching level L takes 50·L·(L−1) XP (100, 300, 600, 1000, ...). */
export interface LevelInfo {
  level: number;
  title: string;
  xp: number;
  /** XP at which the current level started and the next one starts */
  levelStartXp: number;
  nextLevelXp: number;
  /** 0..100 */
  progressPct: number;
}

const TITLES = ['Rookie', 'Operator', 'Specialist', 'Expert', 'Guardian', 'Master', 'Legend'];

export function xpForLevel(level: number): number {
  return 50 * level * (level - 1);
}

export function levelForXp(xp: number): number {
  const safe = Math.max(0, xp);
  // Solve 50·L·(L−1) <= xp for the largest integer L >= 1.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + safe / 12.5)) / 2));
  while (xpForLevel(level + 1) <= safe) level += 1;
  while (level > 1 && xpForLevel(level) > safe) level -= 1;
  return level;
}

export function levelTitle(level: number): string {
  return TITLES[Math.min(TITLES.length - 1, Math.floor((level - 1) / 5))] ?? 'Rookie';
}

export function levelInfo(xp: number): LevelInfo {
  const level = levelForXp(xp);
  const levelStartXp = xpForLevel(level);
  const nextLevelXp = xpForLevel(level + 1);
  const span = nextLevelXp - levelStartXp;
  return {
    level,
    title: levelTitle(level),
    xp,
    levelStartXp,
    nextLevelXp,
    progressPct: Math.min(100, Math.max(0, Math.round(((Math.max(0, xp) - levelStartXp) / span) * 1000) / 10)),
  };
}
