import {
  applyContribution,
  emptyProgress,
  missionContribution,
  participantOf,
  takeBackContribution,
  type EngineConfig,
  type LedgerEntry,
  type MissionDefinition,
  type MissionPerson,
} from '@opsquest/core';
import type { MissionProgressEvent } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';
import type { IngestService } from './ingest.service';
import type { LiveBatch } from '../live/live.types';
import { ConcurrentUpdateError } from '../ports/unit-of-work';

type MissionUpdate = MissionProgressEvent & { justCompleted: boolean; at: number };

/**
 * Missions during ingest (the pipeline's `missions` stage): inside the batch's transaction each
 * participant's progress moves, reversed work is taken back, and completion is rewarded exactly once.
 * Creating, editing and showing missions is MissionsService's.
 */
export class MissionProgressHook {
  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
    private readonly config: EngineConfig,
  ) {}

  /** The person whose work a change is: the actor, or for orders and truck-rolls without one the item's assignee. */
  private async contributorOf(change: LiveBatch['changes'][number], known: Map<string, MissionPerson | undefined>): Promise<MissionPerson | undefined> {
    const username = change.event.actor ?? (change.event.stream !== 'alarm' ? change.item.assignee : undefined);
    if (!username) return undefined;
    const key = username.toLowerCase();
    if (!known.has(key)) {
      const p = await this.repos.people.findByUsername(username);
      known.set(key, p ? { id: p.id, teamId: p.teamId } : undefined);
    }
    return known.get(key);
  }

  /**
   * The ingest hook: inside the batch's transaction, move progress, take back reversed work, reward
   * completion. It runs in a savepoint: should it fail, its own writes roll back and the events
   * (the real work) still commit.
   */
  async onBatch(batch: LiveBatch, now: number): Promise<void> {
    if (batch.changes.length === 0) return;
    const sizes = { ledger: batch.ledger.length, badges: batch.badges.length, levelUps: batch.levelUps.length, feed: batch.feed.length, missions: batch.missions?.length ?? 0 };
    const xp = new Map(batch.xp);
    try {
      await this.repos.uow.run(() => this.applyBatch(batch, now));
    } catch (err) {
      // a race lost to another node: the whole batch is decided again (the ingest store retries it)
      if (err instanceof ConcurrentUpdateError) throw err;
      batch.ledger.length = sizes.ledger;
      batch.badges.length = sizes.badges;
      batch.levelUps.length = sizes.levelUps;
      batch.feed.length = sizes.feed;
      if (batch.missions) batch.missions.length = sizes.missions;
      batch.xp.clear();
      for (const [k, v] of xp) batch.xp.set(k, v);
      process.emitWarning(`Mission progress was not updated for this batch: ${err instanceof Error ? err.message : String(err)}`, 'MissionsWarning');
    }
  }

  private async applyBatch(batch: LiveBatch, now: number): Promise<void> {
    const reversals = batch.ledger.filter((e) => e.reversalOf !== undefined);
    const active = await this.repos.missions.listActive();
    if (active.length === 0 && reversals.length === 0) return;
    const ctx = { timeZone: this.config.timeZone, night: this.config.night };
    const updates: MissionUpdate[] = [];
    const handled = new Set<LedgerEntry>();
    /** people looked up once per batch, by lower-cased username */
    const contributors = new Map<string, MissionPerson | undefined>();
    for (const change of batch.changes) {
      const at = Date.parse(change.event.occurredAt);
      const mine = reversals.filter((e) => !handled.has(e) && e.itemKey === change.item.key && e.at === at);
      if (mine.length > 0) {
        for (const e of mine) handled.add(e);
        await this.takeBack(change.item.key, now, at, updates);
      }
      // Held means held: work waiting for the lead's review moves no mission.
      const person = change.held || active.length === 0 ? undefined : await this.contributorOf(change, contributors);
      if (!person) continue;
      for (const mission of active) {
        const participant = participantOf(mission, person);
        if (!participant) continue;
        const c = missionContribution(mission, change, ctx);
        if (c.kind === 'none') continue;
        const before = await this.repos.missions.progress(mission.id, participant);
        if (before?.completedAt !== null && before?.completedAt !== undefined) continue;
        const next = applyContribution({ progress: before?.progress ?? 0, completed: false }, mission.target, c);
        if (c.kind === 'miss') await this.repos.missions.clearContributions(mission.id, participant);
        else await this.repos.missions.addContribution({ missionId: mission.id, participantId: participant, itemKey: change.item.key, personId: person.id, amount: c.amount }, at);
        await this.repos.missions.saveProgress({ missionId: mission.id, participantId: participant, progress: next.progress, completedAt: next.completed ? at : null }, now);
        updates.push({ missionId: mission.id, scope: mission.scope, participantId: participant, progress: next.progress, target: mission.target, completed: next.completed, justCompleted: next.completed, at });
        if (next.completed) await this.complete(mission, participant, at, batch);
      }
    }
    // reversals of items changed in an earlier batch (a repeat visit taking back a first-time fix)
    const left = new Set(reversals.filter((e) => !handled.has(e)).map((e) => e.itemKey));
    for (const itemKey of left) await this.takeBack(itemKey, now, now, updates);
    if (updates.length > 0) batch.missions = [...(batch.missions ?? []), ...updates];
  }

  private async takeBack(itemKey: string, now: number, at: number, updates: MissionUpdate[]): Promise<void> {
    const { missions } = this.repos;
    for (const c of await missions.contributionsForItem(itemKey)) {
      const mission = await missions.find(c.missionId);
      const row = await missions.progress(c.missionId, c.participantId);
      if (!mission || mission.status !== 'active' || !row || row.completedAt !== null) continue;
      const next = takeBackContribution({ progress: row.progress, completed: false }, c.amount);
      await missions.removeContribution(c);
      await missions.saveProgress({ ...row, progress: next.progress }, now);
      updates.push({ missionId: mission.id, scope: mission.scope, participantId: c.participantId, progress: next.progress, target: mission.target, completed: false, justCompleted: false, at });
    }
  }

  /** Reward points (exactly once per person: the ledger id is unique), the reward badge, a feed line and the audit. */
  private async complete(mission: MissionDefinition, participant: string, at: number, batch: LiveBatch): Promise<void> {
    const { repos } = this;
    // The mission's creator is never rewarded by it, even when they helped their team get there.
    const recipients = (mission.scope === 'person' ? [participant] : await repos.missions.contributors(mission.id, participant)).filter((id) => id !== mission.createdBy);
    const badge = mission.rewardBadgeId ? this.config.badges.find((b) => b.id === mission.rewardBadgeId) : undefined;
    for (const personId of recipients) {
      const person = await repos.people.findById(personId);
      if (!person) continue;
      if (mission.rewardPoints > 0 && !(await repos.missions.hasLedgerEntry(`side:mission:${mission.id}:${personId}`))) {
        await this.ingest.scores.awardSide(
          { kind: 'mission', key: `${mission.id}:${personId}`, personId, points: mission.rewardPoints, ruleId: `mission:${mission.id}`, ruleVersion: mission.version, reason: `Mission completed: ${mission.title}`, at },
          batch,
        );
      }
      if (badge) {
        const progress = (await repos.progress.find(personId)) ?? emptyProgress(personId);
        if (progress.badges[badge.id] === undefined) {
          await repos.progress.save({ ...progress, badges: { ...progress.badges, [badge.id]: at } }, `side:mission:${mission.id}:${personId}`);
          batch.badges.push({ personId, badgeId: badge.id, at });
          batch.feed.push(await repos.feed.append({ at, kind: 'badge', text: `${person.displayName} earned ${badge.name}`, personId, teamId: person.teamId }));
        }
      }
    }
    const who = mission.scope === 'team' ? ((await repos.people.findTeam(participant))?.name ?? participant) : ((await repos.people.findById(participant))?.displayName ?? participant);
    batch.feed.push(
      await repos.feed.append({
        at,
        kind: 'mission',
        text: `${who} completed the mission “${mission.title}”`,
        ...(mission.scope === 'person' ? { personId: participant, teamId: (await repos.people.findById(participant))?.teamId ?? null } : { teamId: participant }),
        ...(mission.rewardPoints > 0 ? { points: mission.rewardPoints } : {}),
      }),
    );
    await repos.audit.record(at, { actorId: null, action: 'mission.completed', targetType: 'mission', targetId: mission.id, details: { version: mission.version, participant, recipients, rewardPoints: mission.rewardPoints, rewardBadgeId: mission.rewardBadgeId } });
    const single = (mission.scope === 'person' && mission.audience.kind === 'people' && mission.audience.personIds.length === 1) || (mission.scope === 'team' && mission.audience.kind === 'team');
    if (single) await repos.missions.setStatus(mission.id, 'completed');
  }
}
