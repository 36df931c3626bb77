import { randomBytes } from 'node:crypto';
import type { AdjustmentBody, AdjustmentView } from '@opsquest/contracts';
import { forbidden, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { Principal } from './auth.service';
import type { IngestService } from './ingest.service';

/** May `actor` adjust `target`'s points? An admin anyone's, a lead their own team's; nobody their own. */
export function canAdjust(actor: Principal, target: { id: string; teamId: string | null }): boolean {
  if (actor.id === target.id) return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'lead' && actor.teamId !== null && actor.teamId === target.teamId;
}

/**
 * A lead's or admin's manual adjustment: a side entry in the ledger (aggregates, XP, level), a
 * feed line and an audit row, all in one transaction; the person reads the reason in their history.
 */
export class AdjustmentsService {
  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
  ) {}

  async adjust(actor: Principal, personId: string, body: AdjustmentBody): Promise<AdjustmentView> {
    const person = await this.repos.people.findById(personId);
    if (!person) throw notFound(`Person ${personId} not found`);
    if (actor.id === person.id) throw forbidden('Nobody may adjust their own points');
    if (!canAdjust(actor, person)) throw forbidden('Only an admin, or the lead of their team, may adjust a person’s points');
    return this.ingest.commitSide(async (live, now) => {
      const key = `${now.toString(36)}-${randomBytes(5).toString('hex')}`;
      const entry = await this.ingest.scores.awardSide(
        {
          kind: 'adjustment',
          key,
          personId: person.id,
          points: body.points,
          ruleId: 'adjustment',
          ruleVersion: 1,
          reason: `Adjustment by ${actor.displayName}: ${body.reason}`,
          at: now,
        },
        live,
      );
      const signed = body.points > 0 ? `+${body.points}` : String(body.points);
      live.feed.push(
        await this.repos.feed.append({
          at: now,
          kind: 'points',
          text: `${actor.displayName} adjusted ${person.displayName}’s points by ${signed}: ${body.reason}`,
          personId: person.id,
          teamId: person.teamId,
          points: body.points,
        }),
      );
      await this.repos.audit.record(now, {
        actorId: actor.id,
        action: 'points.adjusted',
        targetType: 'person',
        targetId: person.id,
        reason: body.reason,
        details: { points: body.points, entryId: entry.entryId, person: person.displayName },
      });
      return { entryId: entry.entryId, personId: person.id, points: entry.points, reason: entry.reason, at: new Date(now).toISOString() };
    });
  }
}
