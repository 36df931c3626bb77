import { releaseHeldWork, STREAMS, type EngineConfig, type Stream } from '@opsquest/core';
import type { Repositories } from '../ports/repositories';
import type { StoredDownstream } from '../ports/gates-store';
import type { LiveBatch } from '../live/live.types';
import type { ScoreWriter } from './score-writer';

/** Work that was kept out of the ledger and is paid now: a lead's release, or back-pay for a mapped actor. */
export interface WorkToPay {
  kind: 'release' | 'backpay';
  /** the entry id of the award as the engine made it (unique per kind: paying twice is impossible) */
  entryId: string;
  personId: string;
  points: number;
  ruleId: string;
  ruleVersion: number;
  itemKey: string;
  eventKey: string;
  reason: string;
  downstream: StoredDownstream | null;
  /** false: the day is not counted in the streak (back-pay for days long past) */
  countsDay: boolean;
}

function streamOf(itemKey: string): Stream | undefined {
  const prefix = itemKey.slice(0, itemKey.indexOf(':'));
  return (STREAMS as readonly string[]).includes(prefix) ? (prefix as Stream) : undefined;
}

/**
 * Pays work at once, as if it had been paid when it happened: its points (a side entry), its skill
 * track, and with its downstream the badges it completes (their bonus paid too), its streak day and
 * the mission progress it makes (the change is handed to the missions hook of this batch).
 * Runs inside the caller's unit of work.
 */
export async function payWork(repos: Repositories, scores: ScoreWriter, config: EngineConfig, work: WorkToPay, live: LiveBatch, now: number): Promise<void> {
  const person = await repos.people.findById(work.personId);
  if (!person) throw new Error(`no person ${work.personId}`);
  await scores.awardSide({ kind: work.kind, key: work.entryId, personId: person.id, points: work.points, ruleId: work.ruleId, ruleVersion: work.ruleVersion, reason: work.reason, at: now, itemKey: work.itemKey }, live);
  const stored = await repos.progress.find(person.id);
  if (!stored) return;
  const downstream = work.downstream ?? undefined;
  const released = releaseHeldWork(stored, { points: work.points, stream: streamOf(work.itemKey), downstream, workDays: person.workDays ?? undefined, at: now, countsDay: work.countsDay }, config);
  await repos.progress.save(released.progress, work.eventKey, released.badges.map((b) => b.badgeId));
  for (const badge of released.badges) {
    live.badges.push({ personId: person.id, badgeId: badge.badgeId, at: now });
    live.feed.push(await repos.feed.append({ at: now, kind: 'badge', text: `${person.displayName} earned ${badge.name}`, personId: person.id, teamId: person.teamId, points: badge.bonusPoints }));
    if (badge.bonusPoints > 0) {
      await scores.awardSide(
        { kind: work.kind, key: `${work.entryId}:badge:${badge.badgeId}`, personId: person.id, points: badge.bonusPoints, ruleId: `badge:${badge.badgeId}`, ruleVersion: badge.version, reason: `Badge earned: ${badge.name}`, at: now, itemKey: work.itemKey },
        live,
      );
    }
  }
  if (downstream?.change) live.changes.push(downstream.change);
}
