import { badgeIconNameOf, counterKeyOf, HIDDEN_BADGE_ICON, dayFromNumber, dayNumber, levelInfo, startOfLocalDay, streakView, windowKeys, type BadgeDefinition, type EngineConfig, type PersonProgress } from '@opsquest/core';
import { takesPartInGame, type BadgeView, type LedgerEntryView, type MeView } from '@opsquest/contracts';
import { notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { PersonRow } from '../ports/people-store';
import { toLedgerView } from './work-item.view';

/** What a hidden badge looks like to someone who has not earned it: nothing that gives it away. */
export const HIDDEN_BADGE_NAME = 'Hidden badge';
/** Withheld awards looked at for my held points. */
const HELD_LOOKBACK = 200;
const HIDDEN_BADGE_TEXT = 'A surprise for good work. It shows itself once earned.';

/**
 * A badge as one person sees it. A hidden badge not yet earned is sent without its id, name,
 * description, icon or progress (only its threshold) (`hiddenIndex` numbers it so lists have stable keys).
 */
export function badgeView(badge: BadgeDefinition, progress: Pick<PersonProgress, 'badges' | 'counters'> | undefined, proposedByName?: string, hiddenIndex = 0): BadgeView {
  const earnedAt = progress?.badges[badge.id];
  if (badge.hidden === true && earnedAt === undefined) {
    return { id: `hidden-${hiddenIndex + 1}`, name: HIDDEN_BADGE_NAME, description: HIDDEN_BADGE_TEXT, icon: HIDDEN_BADGE_ICON, threshold: badge.threshold, progress: 0, earned: false, hidden: true };
  }
  const count = progress?.counters[counterKeyOf(badge)] ?? 0;
  return {
    id: badge.id,
    name: badge.name,
    description: badge.description,
    icon: badgeIconNameOf(badge.icon),
    threshold: badge.threshold,
    progress: earnedAt !== undefined ? badge.threshold : Math.min(count, badge.threshold),
    earned: earnedAt !== undefined,
    ...(earnedAt !== undefined ? { earnedAt: new Date(earnedAt).toISOString() } : {}),
    ...(badge.tier !== undefined ? { tier: badge.tier } : {}),
    ...(badge.family !== undefined ? { family: badge.family } : {}),
    ...(badge.hidden === true ? { hidden: true } : {}),
    ...(proposedByName !== undefined ? { proposedByName } : {}),
  };
}

/** A person's own view: points, level, streak, badges. */
export class ProfileService {
  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** The person's own points history, newest first. */
  async recentLedger(personId: string, limit: number): Promise<LedgerEntryView[]> {
    return (await this.repos.ledger.recentForPerson(personId, limit)).map(toLedgerView);
  }

  /** Identity, level, streak and badges: what the person's own view and their lead's view share. */
  async summary(person: PersonRow): Promise<Omit<MeView, 'pointsToday' | 'playsGame' | 'heldPoints'>> {
    const progress = await this.repos.progress.find(person.id);
    const today = windowKeys(this.now(), this.config.timeZone).day;
    const team = person.teamId ? await this.repos.people.findTeam(person.teamId) : undefined;
    const xp = progress?.xp ?? 0;
    return {
      id: person.id,
      username: person.username,
      displayName: person.displayName,
      role: person.role,
      team: team ? { id: team.id, name: team.name } : null,
      points: xp,
      level: levelInfo(xp),
      streak: this.streakOf(progress, person, today),
      badges: await this.badgesOf(progress),
    };
  }

  /** The streak on `today`, and when at risk the instant today ends (a scored action before then keeps it). */
  private streakOf(progress: PersonProgress | undefined, person: PersonRow, today: string): MeView['streak'] {
    const view = streakView(progress?.streak ?? { current: 0, best: 0 }, today, person.workDays ?? this.config.defaultWorkDays);
    if (!view.atRisk) return view;
    return { ...view, actBefore: new Date(startOfLocalDay(dayFromNumber(dayNumber(today) + 1), this.config.timeZone)).toISOString() };
  }

  /** My points held for my lead's review (the newest few hundred awards are plenty: holds are rare). */
  private async heldPointsOf(personId: string): Promise<number> {
    const rows = await this.repos.gates.recentForPerson(personId, HELD_LOOKBACK);
    return rows.filter((r) => r.status === 'held').reduce((sum, r) => sum + r.points, 0);
  }

  /** Every badge as this person sees it (hidden ones withheld until earned). */
  async badgesOf(progress: PersonProgress | undefined): Promise<BadgeView[]> {
    let hidden = 0;
    const views: BadgeView[] = [];
    for (const b of this.config.badges) {
      const proposer = b.proposedBy !== undefined ? (await this.repos.people.findById(b.proposedBy))?.displayName : undefined;
      const view = badgeView(b, progress, proposer, hidden);
      if (b.hidden === true && view.hidden === true && !view.earned) hidden += 1;
      views.push(view);
    }
    return views;
  }

  async me(personId: string): Promise<MeView> {
    const person = await this.repos.people.findById(personId);
    if (!person) throw notFound('Person not found');
    const today = windowKeys(this.now(), this.config.timeZone).day;
    const summary = await this.summary(person);
    const playsGame = takesPartInGame(person.role, await this.repos.participation.find(personId));
    return {
      ...summary,
      pointsToday: (await this.repos.leaderboard.pointsOf('individual', 'day', today, personId)) ?? 0,
      playsGame,
      heldPoints: playsGame ? await this.heldPointsOf(personId) : 0,
    };
  }
}
