import type { EngineConfig } from '@opsquest/core';
import type { Repositories } from '../services/ports/repositories';
import type { LiveBatch } from '../services/live/live.types';

/** Award webhook event types. */
export const AWARD_EVENT_TYPES = ['points.awarded', 'badge.earned', 'level.up', 'mission.completed'] as const;
export type AwardEventType = (typeof AWARD_EVENT_TYPES)[number];

export interface AwardEvent {
  type: AwardEventType;
  /** stable id of what happened (a ledger entry id, person+badge, person+level) */
  id: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** The award events a committed batch produced, in a shape other systems can consume. */
export async function awardEventsOf(batch: LiveBatch, repos: Repositories, config: EngineConfig): Promise<AwardEvent[]> {
  const usernames = new Map<string, string | undefined>();
  const usernameOf = async (personId: string): Promise<string | undefined> => {
    if (!usernames.has(personId)) usernames.set(personId, (await repos.people.findById(personId))?.username);
    return usernames.get(personId);
  };
  const events: AwardEvent[] = [];
  for (const e of batch.ledger) {
    events.push({
      type: 'points.awarded',
      id: e.entryId,
      occurredAt: new Date(e.at).toISOString(),
      data: {
        personId: e.personId,
        username: await usernameOf(e.personId),
        teamId: e.teamId,
        points: e.points,
        ruleId: e.ruleId,
        ruleVersion: e.ruleVersion,
        reason: e.reason,
        itemKey: e.itemKey,
        ...(e.reversalOf ? { reversalOf: e.reversalOf } : {}),
      },
    });
  }
  for (const b of batch.badges) {
    const badge = config.badges.find((d) => d.id === b.badgeId);
    events.push({
      type: 'badge.earned',
      id: `${b.personId}:${b.badgeId}`,
      occurredAt: new Date(b.at).toISOString(),
      data: { personId: b.personId, username: await usernameOf(b.personId), badgeId: b.badgeId, name: badge?.name, version: badge?.version },
    });
  }
  for (const l of batch.levelUps) {
    events.push({
      type: 'level.up',
      id: `${l.personId}:level:${l.to}`,
      occurredAt: new Date().toISOString(),
      data: { personId: l.personId, username: await usernameOf(l.personId), from: l.from, to: l.to },
    });
  }
  for (const m of batch.missions ?? []) {
    if (!m.justCompleted) continue;
    events.push({
      type: 'mission.completed',
      id: `${m.missionId}:${m.participantId}`,
      occurredAt: new Date(m.at).toISOString(),
      data: { missionId: m.missionId, scope: m.scope, participantId: m.participantId, ...(m.scope === 'person' ? { username: await usernameOf(m.participantId) } : {}), progress: m.progress, target: m.target },
    });
  }
  return events;
}
