import { levelInfo, streakView, windowKeys, type BadgeDefinition, type EngineConfig, type PersonProgress } from '@opsquest/core';
import type { BadgeView, MeView } from '@opsquest/contracts';
import { notFound } from '../http/errors';
import type { Repositories } from '../repositories';
import type { PersonRow } from '../repositories/people.repository';

export function badgeView(badge: BadgeDefinition, progress: PersonProgress | undefined): BadgeView {
  const earnedAt = progress?.badges[badge.id];
  const count = progress?.counters[badge.id] ?? 0;
  return {
    id: badge.id,
    name: badge.name,
    description: badge.description,
    icon: badge.icon,
    threshold: badge.threshold,
    progress: earnedAt !== undefined ? badge.threshold : Math.min(count, badge.threshold),
    earned: earnedAt !== undefined,
    ...(earnedAt !== undefined ? { earnedAt: new Date(earnedAt).toISOString() } : {}),
  };
}

/** A person's own view: points, level, streak, badges. */
export class ProfileService {
  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Identity, level, streak and badges: what the person's own view and their lead's view share. */
  summary(person: PersonRow): Omit<MeView, 'pointsToday'> {
    const progress = this.repos.progress.find(person.id);
    const today = windowKeys(this.now(), this.config.timeZone).day;
    const team = person.teamId ? this.repos.people.findTeam(person.teamId) : undefined;
    const xp = progress?.xp ?? 0;
    return {
      id: person.id,
      username: person.username,
      displayName: person.displayName,
      role: person.role,
      team: team ? { id: team.id, name: team.name } : null,
      points: xp,
      level: levelInfo(xp),
      streak: streakView(progress?.streak ?? { current: 0, best: 0 }, today, person.workDays ?? this.config.defaultWorkDays),
      badges: this.config.badges.map((b) => badgeView(b, progress)),
    };
  }

  me(personId: string): MeView {
    const person = this.repos.people.findById(personId);
    if (!person) throw notFound('Person not found');
    const today = windowKeys(this.now(), this.config.timeZone).day;
    return { ...this.summary(person), pointsToday: this.repos.leaderboard.rankOf('individual', 'day', today, personId)?.points ?? 0 };
  }
}
