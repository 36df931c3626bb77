import type { WithheldAwardView } from '@opsquest/contracts';
import type { EngineConfig } from '@opsquest/core';
import { conflict, forbidden, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { WithheldRow } from '../ports/gates-store';
import type { Principal } from './auth.service';
import type { IngestService } from './ingest.service';
import { payWork } from './release-work';

export function toWithheldView(r: WithheldRow): WithheldAwardView {
  return {
    entryId: r.entryId,
    personId: r.personId,
    ...(r.personName ? { personName: r.personName } : {}),
    points: r.points,
    ruleId: r.ruleId,
    reason: r.reason,
    detail: r.detail,
    why: r.why,
    status: r.status,
    at: new Date(r.at).toISOString(),
    ...(r.decidedAt !== null ? { decidedAt: new Date(r.decidedAt).toISOString() } : {}),
    ...(r.decisionReason !== null ? { decisionReason: r.decisionReason } : {}),
  };
}

/**
 * Bursts far above a person's normal rate are held, not scored: their lead releases them (the
 * points land, with the lead's reason) or rejects them (they never do). Both are audited.
 */
export class ReviewService {
  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
    /** the configuration in force (the rulebook replaces its badges and rules in place) */
    private readonly config: EngineConfig,
  ) {}

  /** Held awards a reviewer may decide: a lead's own team's, an admin's all. */
  async held(reviewer: Principal): Promise<WithheldAwardView[]> {
    if (reviewer.role === 'admin') return (await this.repos.gates.held(200)).map(toWithheldView);
    if (reviewer.role !== 'lead' || reviewer.teamId === null) throw forbidden('Only a lead or an admin reviews held points');
    return (await this.repos.gates.held(200, reviewer.teamId)).map(toWithheldView);
  }

  async mine(personId: string): Promise<WithheldAwardView[]> {
    return (await this.repos.gates.recentForPerson(personId, 50)).map(toWithheldView);
  }

  async release(entryId: string, reason: string, reviewer: Principal): Promise<WithheldAwardView> {
    const row = await this.check(entryId, reviewer);
    return this.ingest.commitSide(async (live, now) => {
      if (!(await this.repos.gates.decideHeld(entryId, 'released', reviewer.id, now, reason))) throw conflict('These points were already decided');
      // Held means held, and a release applies all of it at once: points, skill track, badges, streak day, missions.
      await payWork(
        this.repos,
        this.ingest.scores,
        this.config,
        {
          kind: 'release',
          entryId,
          personId: row.personId,
          points: row.points,
          ruleId: row.ruleId,
          ruleVersion: row.ruleVersion,
          itemKey: row.itemKey,
          eventKey: row.eventKey,
          reason: `${row.reason} (held, released by ${reviewer.displayName}: ${reason})`,
          downstream: row.downstream,
          countsDay: true,
        },
        live,
        now,
      );
      await this.repos.audit.record(now, { actorId: reviewer.id, action: 'points.released', targetType: 'person', targetId: row.personId, reason, details: { entryId, points: row.points, ruleId: row.ruleId } });
      return toWithheldView({ ...row, status: 'released', decidedBy: reviewer.id, decidedAt: now, decisionReason: reason });
    });
  }

  async reject(entryId: string, reason: string, reviewer: Principal): Promise<WithheldAwardView> {
    const row = await this.check(entryId, reviewer);
    return this.ingest.commitSide(async (_live, now) => {
      if (!(await this.repos.gates.decideHeld(entryId, 'rejected', reviewer.id, now, reason))) throw conflict('These points were already decided');
      await this.repos.audit.record(now, { actorId: reviewer.id, action: 'points.rejected', targetType: 'person', targetId: row.personId, reason, details: { entryId, points: row.points, ruleId: row.ruleId } });
      return toWithheldView({ ...row, status: 'rejected', decidedBy: reviewer.id, decidedAt: now, decisionReason: reason });
    });
  }

  private async check(entryId: string, reviewer: Principal): Promise<WithheldRow> {
    const row = await this.repos.gates.find(entryId);
    if (!row) throw notFound('No held points with this id');
    if (reviewer.role !== 'admin' && !(reviewer.role === 'lead' && reviewer.teamId !== null && reviewer.teamId === row.teamId)) {
      throw forbidden("Only the person's own lead or an admin decides held points");
    }
    if (reviewer.id === row.personId) throw forbidden('Nobody decides their own held points');
    if (row.status !== 'held') throw conflict(row.status === 'final' ? 'These points are over a cap: there is nothing to review' : 'These points were already decided');
    return row;
  }
}
