import { randomUUID } from 'node:crypto';
import { counterKeyOf, emptyProgress, windowKeys, type BadgeDefinition, type EngineConfig } from '@opsquest/core';
import { KUDOS_DAILY_BUDGET, KUDOS_POINTS, type GiveKudosBody, type GiveKudosResult, type KudosBudgetView, type KudosListView, type KudosView } from '@opsquest/contracts';
import { conflict, forbidden, invalid, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { KudosRow } from '../ports/kudos-store';
import type { Principal } from './auth.service';
import type { IngestService } from './ingest.service';
import type { LiveBatch } from '../live/live.types';
import { isPrivileged } from '../views/visibility';

/** The badge family kudos count toward (counting 'external': only this service moves its counter). */
export const KUDOS_BADGE_FAMILY = 'team-player';

function toView(k: KudosRow): KudosView {
  return { id: k.id, at: new Date(k.at).toISOString(), message: k.message, from: { id: k.fromPersonId, name: k.fromName }, to: { id: k.toPersonId, name: k.toName } };
}

/**
 * Kudos: a message from one colleague to another, 3 a day per giver, never to oneself. The
 * recipient gets 5 points (the giver nothing: no point trading), a feed line, and progress toward
 * the Team Player badges, all in one transaction.
 */
export class KudosService {
  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  private today(at: number): string {
    return windowKeys(at, this.config.timeZone).day;
  }

  async budget(personId: string): Promise<KudosBudgetView> {
    const day = this.today(this.now());
    return { left: Math.max(0, KUDOS_DAILY_BUDGET - (await this.repos.kudos.countGiven(personId, day))), perDay: KUDOS_DAILY_BUDGET, day };
  }

  async give(giver: Principal, body: GiveKudosBody): Promise<GiveKudosResult> {
    if (body.toPersonId === giver.id) throw invalid('You cannot give kudos to yourself', [{ path: 'body.toPersonId', message: 'Choose a colleague, not yourself' }]);
    const recipient = await this.repos.people.findById(body.toPersonId);
    if (!recipient || !recipient.active) throw notFound(`Person ${body.toPersonId} not found`);
    if (!(await this.repos.participation.find(recipient.id)).acceptKudos) throw conflict(`${recipient.displayName} has turned kudos off`);
    const kudos = await this.ingest.commitSide(async (live, now) => {
      const day = this.today(now);
      if ((await this.repos.kudos.countGiven(giver.id, day)) >= KUDOS_DAILY_BUDGET) throw conflict(`No kudos left today (${KUDOS_DAILY_BUDGET} a day)`);
      const row = await this.repos.kudos.add({ id: `k-${randomUUID()}`, fromPersonId: giver.id, toPersonId: recipient.id, message: body.message, at: now, day });
      await this.ingest.scores.awardSide(
        { kind: 'kudos', key: row.id, personId: recipient.id, points: KUDOS_POINTS, ruleId: 'kudos.received', ruleVersion: 1, reason: `Kudos from ${giver.displayName}: ${body.message}`, at: now },
        live,
      );
      live.feed.push(
        await this.repos.feed.append({
          at: now,
          kind: 'kudos',
          text: `${giver.displayName} gave kudos to ${recipient.displayName}: “${body.message}”`,
          personId: recipient.id,
          otherPersonId: giver.id,
          teamId: recipient.teamId,
          points: KUDOS_POINTS,
        }),
      );
      await this.awardBadges(recipient.id, now, row.id, live);
      return row;
    });
    return { kudos: toView(kudos), budget: await this.budget(giver.id) };
  }

  /** Team Player tiers: the family counter is the number of kudos received. */
  private async awardBadges(personId: string, at: number, kudosId: string, live: LiveBatch): Promise<void> {
    const family = this.config.badges.filter((b) => counterKeyOf(b) === KUDOS_BADGE_FAMILY && b.counting === 'external');
    if (family.length === 0) return;
    const count = await this.repos.kudos.countReceived(personId);
    const progress = (await this.repos.progress.find(personId)) ?? emptyProgress(personId);
    const earned: BadgeDefinition[] = family.filter((b) => count >= b.threshold && progress.badges[b.id] === undefined);
    const badges = { ...progress.badges };
    for (const b of earned) badges[b.id] = at;
    await this.repos.progress.save({ ...progress, counters: { ...progress.counters, [KUDOS_BADGE_FAMILY]: count }, badges }, `kudos:${kudosId}`);
    const person = await this.repos.people.findById(personId);
    for (const badge of earned) {
      live.badges.push({ personId, badgeId: badge.id, at });
      live.feed.push(
        await this.repos.feed.append({ at, kind: 'badge', text: `${person?.displayName ?? 'Someone'} earned ${badge.name}`, personId, teamId: person?.teamId ?? null, points: badge.bonusPoints }),
      );
      if (badge.bonusPoints > 0) {
        await this.ingest.scores.awardSide(
          { kind: 'kudos', key: `${badge.id}:${personId}`, personId, points: badge.bonusPoints, ruleId: `badge:${badge.id}`, ruleVersion: badge.version, reason: `Badge: ${badge.name}`, at },
          live,
        );
      }
    }
  }

  /** Kudos a person received and gave, newest first: for themselves, their lead and admins. */
  async list(viewer: Principal, personId: string, limit: number): Promise<KudosListView> {
    const person = await this.repos.people.findById(personId);
    if (!person) throw notFound(`Person ${personId} not found`);
    if (!isPrivileged(viewer, person)) {
      // Someone who hides from public boards does not exist for peers.
      if (!(await this.repos.participation.find(person.id)).publicBoards) throw notFound(`Person ${personId} not found`);
      throw forbidden('Only the person, their own lead or an admin may see their kudos');
    }
    const [received, given] = await Promise.all([this.repos.kudos.received(personId, limit), this.repos.kudos.given(personId, limit)]);
    return { personId, received: received.map(toView), given: given.map(toView) };
  }
}
