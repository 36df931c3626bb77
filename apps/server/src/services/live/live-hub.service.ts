import type { EngineConfig, Window } from '@opsquest/core';
import type { FeedItem, LedgerEntryView, WorkItemView } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';
import { rooms, type LiveServer } from '../../socket/socket-server';
import type { LiveBatch, LiveMessage } from './live.types';
import { Visibility } from '../views/visibility';
import { badgeView } from '../views/profile.service';
import { toLedgerView, toWorkItemView } from '../views/work-item.view';

/** How a node's live ticks reach the sockets of the other nodes (socket/cluster.ts). */
export interface LiveRelay {
  /** whether a socket on another node is in the room */
  heard(room: string): boolean;
  send(messages: LiveMessage[]): void;
}

interface Pending {
  items: LiveBatch['items'];
  points: Map<string, LedgerEntryView[]>;
  xp: Map<string, number>;
  badges: LiveBatch['badges'];
  levelUps: LiveBatch['levelUps'];
  feed: FeedItem[];
  windows: Set<Window>;
  missions: NonNullable<LiveBatch['missions']>;
  heldFor: (string | null)[];
}

function emptyPending(): Pending {
  return { items: new Map(), points: new Map(), xp: new Map(), badges: [], levelUps: [], feed: [], windows: new Set(), missions: [], heldFor: [] };
}

/**
 * Socket fan-out after commit, coalesced per tick: one workItem:changed per tick with every
 * changed item, one leaderboard:changed, per-person points. An alarm storm becomes a few
 * messages a second per client, not one per event. A tick that reads the store (badges, the feed's
 * visibility) sends in order: the next tick's messages wait until it is done. A tick that fails is
 * handed to `onError` (by default rethrown, an unhandled rejection, as a throw in the timer was before).
 */
export class LiveHub {
  private pending = emptyPending();
  private timer: NodeJS.Timeout | undefined;
  /** the tick being sent: the next one is sent after it */
  private sending: Promise<void> = Promise.resolve();
  /** where a tick's messages also go when rooms span several nodes (socket/cluster.ts) */
  private relay: LiveRelay | undefined;

  constructor(
    private readonly io: LiveServer,
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly tickMs: number,
    private readonly now: () => number = Date.now,
    private readonly onError: (error: unknown) => void = (error) => {
      throw error;
    },
  ) {}

  publish(batch: LiveBatch): void {
    const p = this.pending;
    // batches may reach here out of commit order (their after-commit stages overlap): the later stamp wins
    for (const [id, entry] of batch.items) if ((p.items.get(id)?.updatedAt ?? Number.NEGATIVE_INFINITY) <= entry.updatedAt) p.items.set(id, entry);
    for (const e of batch.ledger) {
      const list = p.points.get(e.personId) ?? [];
      list.push(toLedgerView(e));
      p.points.set(e.personId, list);
    }
    for (const [id, xp] of batch.xp) p.xp.set(id, xp);
    p.badges.push(...batch.badges);
    p.levelUps.push(...batch.levelUps);
    p.feed.push(...batch.feed);
    for (const w of batch.windows) p.windows.add(w);
    if (batch.missions) p.missions.push(...batch.missions);
    if (batch.heldFor) p.heldFor.push(...batch.heldFor);
    this.timer ??= setTimeout(() => {
      this.flush().catch(this.onError);
    }, this.tickMs);
  }

  /**
   * Several nodes: a tick's messages for rooms with sockets on other nodes are also handed to the
   * relay (one cluster message per tick, not one per room), and every node delivers them to its own
   * sockets (`deliver`). A message nobody in the cluster listens to is not built.
   */
  relayTo(relay: LiveRelay): void {
    this.relay = relay;
  }

  /** Sends messages to this node's sockets in their rooms; a room nobody here is in costs nothing. */
  deliver(messages: readonly LiveMessage[]): void {
    const local = this.io.local;
    for (const m of messages) {
      const to = typeof m.to === 'string' ? [m.to] : m.to;
      if (!to.some((room) => this.heardHere(room))) continue;
      const target = m.except ? local.to(to).except(m.except) : local.to(to);
      (target as unknown as { emit(event: string, ...args: unknown[]): boolean }).emit(m.event, ...m.args);
    }
  }

  private heardHere(room: string): boolean {
    return (this.io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  /** Each team's lead hears about their own queue only; admins hear about every queue. */
  private held(heldFor: (string | null)[], out: LiveMessage[]): void {
    const perTeam = new Map<string, number>();
    for (const teamId of heldFor) if (teamId !== null) perTeam.set(teamId, (perTeam.get(teamId) ?? 0) + 1);
    for (const [teamId, count] of perTeam) out.push({ to: rooms.reviewers(teamId), except: rooms.admins, event: 'review:held', args: [{ teamIds: [teamId], count }] });
    out.push({ to: rooms.admins, event: 'review:held', args: [{ teamIds: [...new Set(heldFor)], count: heldFor.length }] });
  }

  /** Sends what is pending now, after any tick still being sent (the timer, tests, shutdown). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const p = this.pending;
    this.pending = emptyPending();
    const now = this.now();
    const send = this.sending.then(() => this.send(p, now));
    this.sending = send.catch(() => undefined);
    return send;
  }

  private async send(p: Pending, now: number): Promise<void> {
    // Nothing is encoded for a room nobody is in (an alarm storm at night, say), on this node or another.
    const relay = this.relay;
    const elsewhere = (room: string): boolean => relay !== undefined && relay.heard(room);
    const heard = (room: string): boolean => this.heardHere(room) || elsewhere(room);
    const out: LiveMessage[] = [];
    if (p.items.size > 0 && heard(rooms.global)) {
      const items: WorkItemView[] = [...p.items.values()].map((r) => toWorkItemView(r.id, r.item, r.updatedAt, now, this.config.atRiskPct));
      out.push({ to: rooms.global, event: 'workItem:changed', args: [{ items }] });
    }
    for (const [personId, entries] of p.points) {
      if (!heard(rooms.person(personId))) continue;
      out.push({ to: rooms.person(personId), event: 'points:awarded', args: [{ personId, entries, xp: p.xp.get(personId) ?? 0 }] });
    }
    for (const b of p.badges) {
      if (!heard(rooms.person(b.personId))) continue;
      const def = this.config.badges.find((d) => d.id === b.badgeId);
      if (!def) continue;
      // just earned: the view needs nothing stored but the moment
      out.push({ to: rooms.person(b.personId), event: 'badge:earned', args: [{ personId: b.personId, badge: badgeView(def, { badges: { [def.id]: b.at }, counters: {} }) }] });
    }
    for (const l of p.levelUps) if (heard(rooms.person(l.personId))) out.push({ to: rooms.person(l.personId), event: 'level:up', args: [l] });
    for (const m of p.missions) {
      const room = m.scope === 'team' ? rooms.team(m.participantId) : rooms.person(m.participantId);
      out.push({ to: room, event: 'mission:progress', args: [{ missionId: m.missionId, scope: m.scope, participantId: m.participantId, progress: m.progress, target: m.target, completed: m.completed }] });
    }
    if (p.heldFor.length > 0) this.held(p.heldFor, out);
    if (p.windows.size > 0 && heard(rooms.global)) out.push({ to: rooms.global, event: 'leaderboard:changed', args: [{ windows: [...p.windows], at: new Date(now).toISOString() }] });
    if (p.feed.length > 0) {
      // Each item goes to its team (or, without a team, its person) and to the leads' and admins' room;
      // items about a person hidden from the feed are anonymised for everyone who may not see them.
      for (const d of await new Visibility(this.repos).feedDeliveries(p.feed)) out.push({ to: d.rooms, except: d.except, event: 'feed:item', args: [{ items: d.items }] });
    }
    if (out.length === 0) return;
    this.deliver(out);
    if (!relay) return;
    const away = out.filter((m) => (typeof m.to === 'string' ? elsewhere(m.to) : m.to.some(elsewhere)));
    if (away.length > 0) relay.send(away);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
