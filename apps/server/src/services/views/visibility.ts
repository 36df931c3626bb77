import { DEFAULT_PARTICIPATION, type FeedItem, type LeaderboardEntry, type ParticipationSettings, type Role } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';
import { rooms } from '../../socket/socket-server';

/** Who is looking. Without a viewer (the wall on a TV), everyone hidden stays hidden. */
export interface Viewer {
  id: string;
  role: Role;
  teamId: string | null;
}

export interface Subject {
  id: string;
  teamId: string | null;
}

export const ANONYMOUS_NAME = 'Anonymous';
export const TEAMMATE_NAME = 'A teammate';

/** The person themselves, their own team's lead, and admins always see the real person. */
export function isPrivileged(viewer: Viewer | undefined, subject: Subject): boolean {
  if (!viewer) return false;
  if (viewer.id === subject.id || viewer.role === 'admin') return true;
  return viewer.role === 'lead' && viewer.teamId !== null && viewer.teamId === subject.teamId;
}

/** Replaces a person's name in a feed line: "A teammate" at the start, "a teammate" inside. */
function withoutName(text: string, name: string): string {
  if (name.length === 0) return text;
  const parts = text.split(name);
  return parts.reduce((out, part, i) => (i === 0 ? part : `${out}${out.length === 0 ? TEAMMATE_NAME : TEAMMATE_NAME.toLowerCase()}${part}`), '');
}

/** A feed delivery: these items to these rooms, except sockets in those rooms. */
export interface FeedDelivery {
  rooms: string[];
  except: string[];
  items: FeedItem[];
}

/**
 * The one place that decides what a viewer may see of a person, from their participation settings:
 * public boards off shows "Anonymous" (no id, no team) on boards, the wall and person pages;
 * feed off shows "A teammate" in the feed. The person, their own lead and admins see the real name.
 */
export class Visibility {
  constructor(private readonly repos: Repositories) {}

  async settingsOf(personId: string): Promise<ParticipationSettings> {
    return this.repos.participation.find(personId);
  }

  private async restricted(): Promise<Map<string, ParticipationSettings>> {
    return this.repos.participation.restrictedById();
  }

  private async subjectOf(personId: string): Promise<Subject> {
    return { id: personId, teamId: (await this.repos.people.findById(personId))?.teamId ?? null };
  }

  /** May this viewer see the person by name on boards and person pages? Settings default to the subject's own. */
  async showsOnBoards(viewer: Viewer | undefined, subject: Subject, settings?: ParticipationSettings): Promise<boolean> {
    const effective = settings ?? (await this.settingsOf(subject.id));
    return effective.publicBoards || isPrivileged(viewer, subject);
  }

  /** Board rows as this viewer may see them (individual boards; teams are never hidden). */
  async boardEntries(viewer: Viewer | undefined, entries: readonly LeaderboardEntry[]): Promise<LeaderboardEntry[]> {
    const restricted = await this.restricted();
    const out: LeaderboardEntry[] = [];
    for (const entry of entries) {
      const settings = entry.id === undefined ? undefined : restricted.get(entry.id);
      if (entry.id === undefined || !settings || settings.publicBoards) {
        out.push(entry);
        continue;
      }
      const subject = await this.subjectOf(entry.id);
      if (viewer?.id === entry.id) out.push({ ...entry, onlyYouSeeName: true });
      else if (isPrivileged(viewer, subject)) out.push(entry);
      else out.push({ rank: entry.rank, name: ANONYMOUS_NAME, points: entry.points, anonymous: true, ...(entry.perHour !== undefined ? { perHour: entry.perHour, hours: entry.hours ?? 0 } : {}) });
    }
    return out;
  }

  /** People hidden in the feed (show_in_feed off) that this item is about. */
  private hiddenIn(item: FeedItem, restricted: Map<string, ParticipationSettings>): string[] {
    return [item.personId, item.fromPersonId].filter((id): id is string => id !== undefined && (restricted.get(id) ?? DEFAULT_PARTICIPATION).showInFeed === false);
  }

  private async feedItemWith(viewer: Viewer | undefined, item: FeedItem, hidden: readonly string[]): Promise<FeedItem> {
    let out: FeedItem = { ...item };
    for (const id of hidden) {
      if (isPrivileged(viewer, await this.subjectOf(id))) continue;
      if (out.personId === id) {
        out = { ...out, text: withoutName(out.text, item.personName ?? ''), personName: TEAMMATE_NAME };
        delete out.personId;
      }
      if (out.fromPersonId === id) {
        out = { ...out, text: withoutName(out.text, item.fromPersonName ?? ''), fromPersonName: TEAMMATE_NAME };
        delete out.fromPersonId;
      }
    }
    return out;
  }

  /**
   * The feed as this person reads it: leads and admins everyone's, others their own team's; people
   * hidden from the feed show as "A teammate" to everyone but themselves, their lead and admins.
   */
  async recentFeed(viewer: Viewer, limit: number): Promise<FeedItem[]> {
    const teamId = viewer.role === 'admin' || viewer.role === 'lead' || !viewer.teamId ? undefined : viewer.teamId;
    return this.feedItems(viewer, await this.repos.feed.recent(limit, teamId));
  }

  /** Feed items as this viewer may see them. */
  async feedItems(viewer: Viewer | undefined, items: readonly FeedItem[]): Promise<FeedItem[]> {
    const restricted = await this.restricted();
    const out: FeedItem[] = [];
    for (const item of items) {
      const hidden = this.hiddenIn(item, restricted);
      out.push(hidden.length === 0 ? item : await this.feedItemWith(viewer, item, hidden));
    }
    return out;
  }

  /**
   * The socket fan-out of feed items. Items about nobody hidden go as before: to the team room
   * (or the person's room) and to the leads' and admins' room. An item about a hidden person goes
   * to each person who may see them (the person, the other person named, their leads, admins) as
   * that person may see it, and anonymised to everyone else in those rooms.
   */
  async feedDeliveries(items: readonly FeedItem[]): Promise<FeedDelivery[]> {
    const restricted = await this.restricted();
    const deliveries: FeedDelivery[] = [];
    const plain: FeedItem[] = [];
    const byRoom = new Map<string, FeedItem[]>();
    const roomOf = (f: FeedItem): string | undefined => (f.teamId ? rooms.team(f.teamId) : f.personId ? rooms.person(f.personId) : undefined);
    let people: Awaited<ReturnType<Repositories['people']['listActive']>> | undefined;
    for (const item of items) {
      const hidden = this.hiddenIn(item, restricted);
      const room = roomOf(item);
      if (hidden.length === 0) {
        plain.push(item);
        if (room) byRoom.set(room, [...(byRoom.get(room) ?? []), item]);
        continue;
      }
      people ??= await this.repos.people.listActive();
      const involved = new Set([item.personId, item.fromPersonId].filter((id): id is string => id !== undefined));
      const hiddenTeams = new Set<string>();
      for (const id of hidden) {
        const teamId = (await this.subjectOf(id)).teamId;
        if (teamId !== null) hiddenTeams.add(teamId);
      }
      const privileged = people.filter((p) => involved.has(p.id) || p.role === 'admin' || (p.role === 'lead' && p.teamId !== null && hiddenTeams.has(p.teamId)));
      const personal = privileged.map((p) => rooms.person(p.id));
      for (const p of privileged) deliveries.push({ rooms: [rooms.person(p.id)], except: [], items: [await this.feedItemWith({ id: p.id, role: p.role, teamId: p.teamId }, item, hidden)] });
      const anonymous = await this.feedItemWith(undefined, item, hidden);
      if (room) deliveries.push({ rooms: [room], except: [rooms.allFeeds, ...personal], items: [anonymous] });
      deliveries.push({ rooms: [rooms.allFeeds], except: personal, items: [anonymous] });
    }
    for (const [room, roomItems] of byRoom) deliveries.push({ rooms: [room], except: [rooms.allFeeds], items: roomItems });
    if (plain.length > 0) deliveries.push({ rooms: [rooms.allFeeds], except: [], items: plain });
    return deliveries;
  }
}
