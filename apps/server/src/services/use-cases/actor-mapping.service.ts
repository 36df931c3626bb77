import type { ActorMappingView } from '@opsquest/contracts';
import { dedupKeyOf, MemoryStore, type EngineConfig, type PersonRef } from '@opsquest/core';
import { conflict, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { StoredEvent } from '../ports/events-store';
import { toPersonRef, type PersonRow } from '../ports/people-store';
import type { Principal } from './auth.service';
import { HISTORY_VIAS, type IngestService } from './ingest.service';
import { payWork, type WorkToPay } from './release-work';

/**
 * What the name's earlier work would have paid the person: the items it touched are replayed in a
 * scratch store where the name is the person and every award is held (so each carries what it moves
 * besides points, as held work does); the awards of events that named the name, or that paid an
 * assignee by that name, are the back-pay. The engine is the one that scores live work: same rules,
 * same gates (pay horizon, follow-up, caps).
 */
export async function backPayFor(actor: string, person: PersonRow, people: readonly PersonRow[], repos: Repositories, config: EngineConfig): Promise<WorkToPay[]> {
  const byActor = await repos.events.listForActor(actor);
  const itemKeys = [...new Set(byActor.map((e) => e.itemKey))];
  // read one after the other: the caller's unit of work is one connection
  const events: StoredEvent[] = [];
  for (const key of itemKeys) events.push(...(await repos.events.listForItem(key)));
  events.sort((a, b) => a.seq - b.seq);
  const refs: PersonRef[] = people.filter((p) => p.id !== person.id).map(toPersonRef);
  // every spelling the events used (names match case-insensitively) is the person in the replay
  for (const spelling of new Set(byActor.map((e) => e.event.actor ?? actor))) refs.push({ ...toPersonRef(person), username: spelling });
  const store = new MemoryStore(refs);
  const holdAll: EngineConfig = { ...config, burst: { minPerHour: 0, factor: 0 } };
  const named = new Set(byActor.map((e) => e.eventKey));
  const lower = actor.toLowerCase();
  for (const stored of events) {
    const outcome = store.ingest(stored.event, holdAll, { receivedAt: stored.receivedAt, history: HISTORY_VIAS.has(stored.via) });
    // work that paid an assignee by that name (a truck-roll completed by its system, say) is the name's work too
    if (outcome && stored.event.actor === undefined && outcome.item?.assignee?.toLowerCase() === lower) named.add(dedupKeyOf(stored.event));
  }
  // never what the ledger holds already (the person's own work on those items, say)
  const paid = async (entryId: string, eventKey: string): Promise<boolean> => (await repos.ledger.forEventKey(eventKey)).some((e) => e.entryId === entryId);
  const unpaid: typeof store.withheld = [];
  for (const w of store.withheld) {
    if (w.reviewable && w.entry.personId === person.id && named.has(w.entry.eventKey) && !(await paid(w.entry.entryId, w.entry.eventKey))) unpaid.push(w);
  }
  return unpaid.map((w) => ({
    kind: 'backpay' as const,
    entryId: w.entry.entryId,
    personId: person.id,
    points: w.entry.points,
    ruleId: w.entry.ruleId,
    ruleVersion: w.entry.ruleVersion,
    itemKey: w.entry.itemKey,
    eventKey: w.entry.eventKey,
    reason: w.entry.reason,
    downstream: w.downstream ?? null,
    // back-pay is for days gone by: it cannot rewrite a streak
    countsDay: false,
  }));
}

/** An admin maps an unknown actor to a person: the name's work is the person's from now on, and what it did before is paid now. */
export class ActorMappingService {
  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
    private readonly config: EngineConfig,
  ) {}

  async map(actor: string, personId: string, admin: Principal): Promise<ActorMappingView> {
    const { repos } = this;
    const person = await repos.people.findById(personId);
    if (!person || !person.active) throw notFound('No active person with this id');
    if (await repos.people.findByUsername(actor)) throw conflict(`"${actor}" is a person here already: there is nothing to map`);
    if (await repos.actorAliases.find(actor)) throw conflict(`"${actor}" is mapped already`);
    return this.ingest.commitSide(async (live, now) => {
      // inside the unit of work: a concurrent mapping of the same name cannot pay twice
      const work = await backPayFor(actor, person, await repos.people.listActive(), repos, this.config);
      const events = (await repos.events.listForActor(actor)).length;
      if (events === 0) throw notFound(`No event names "${actor}"`);
      const points = work.reduce((sum, w) => sum + w.points, 0);
      if (!(await repos.actorAliases.create({ actor, personId: person.id, mappedBy: admin.id, mappedAt: now, events, points }))) throw conflict(`"${actor}" is mapped already`);
      for (const w of work) await payWork(repos, this.ingest.scores, this.config, { ...w, reason: `Back-pay: ${w.reason} (done as "${actor}", mapped to ${person.displayName} by ${admin.displayName})` }, live, now);
      await repos.audit.record(now, { actorId: admin.id, action: 'actor.mapped', targetType: 'person', targetId: person.id, details: { actor, events, awards: work.length, points } });
      return { actor, personId: person.id, personName: person.displayName, events, awards: work.length, points, mappedAt: new Date(now).toISOString() };
    });
  }
}
