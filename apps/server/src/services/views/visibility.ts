import { DEFAULT_PARTICIPATION, type FeedItem, type LeaderboardEntry, type ParticipationSettings, type Role } from '@opsquest/contracts';
import type { Repositories } from '../../repositories';
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

  settingsOf(personId: string): ParticipationSettings {
    return this.repos.participation.find(personId);
  }

  private restricted(): Map<string, ParticipationSettings> {
    return this.repos.participation.restrictedById();
  }

  private subjectOf(personId: string): Subject {
    return { id: personId, teamId: this.repos.people.findById(personId)?.teamId ?? null };
  }

  /** May this viewer see the person by name on boards and person pages? */
  showsOnBoards(viewer: Viewer | undefined, subject: Subject, settings = this.settingsOf(subject.id)): boolean {
    return settings.publicBoards || isPrivileged(viewer, subject);
  }

  /** Board rows as this viewer may see them (individual boards; teams are never hidden). */
  boardEntries(viewer: Viewer | undefined, entries: readonly LeaderboardEntry[]): LeaderboardEntry[] {
    const restricted = this.restricted();
    return entries.map((entry) => {
      const settings = entry.id === undefined ? undefined : restricted.get(entry.id);
      if (entry.id === undefined || !settings || settings.publicBoards) return entry;
      const subject = this.subjectOf(entry.id);
      if (viewer?.id === entry.id) return { ...entry, onlyYouSeeName: true };
      if (isPrivileged(viewer, subject)) return entry;
      return { rank: entry.rank, name: ANONYMOUS_NAME, points: entry.points, anonymous: true, ...(entry.perHour !== undefined ? { perHour: entry.perHour, hours: entry.hours ?? 0 } : {}) };
    });
  }

  /** People hidden in the feed (show_in_feed off) that this item is about. */
  private hiddenIn(item: FeedItem, restricted: Map<string, ParticipationSettings>): string[] {
    return [item.personId, item.fromPersonId].filter((id): id is string => id !== undefined && (restricted.get(id) ?? DEFAULT_PARTICIPATION).showInFeed === false);
  }

  private feedItemWith(viewer: Viewer | undefined, item: FeedItem, hidden: readonly string[]): FeedItem {
    let out: FeedItem = { ...item };
    for (const id of hidden) {
      if (isPrivileged(viewer, this.subjectOf(id))) continue;
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
  recentFeed(viewer: Viewer, limit: number): FeedItem[] {
    const teamId = viewer.role === 'admin' || viewer.role === 'lead' || !viewer.teamId ? undefined : viewer.teamId;
    return this.feedItems(viewer, this.repos.feed.recent(limit, teamId));
  }

  /** Feed items as this viewer may see them. */
  feedItems(viewer: Viewer | undefined, items: readonly FeedItem[]): FeedItem[] {
    const restricted = this.restricted();
    return items.map((item) => {
      const hidden = this.hiddenIn(item, restricted);
      return hidden.length === 0 ? item : this.feedItemWith(viewer, item, hidden);
    });
  }

  /**
   * The socket fan-out of feed items. Items about nobody hidden go as before: to the team room
   * (or the person's room) and to the leads' and admins' room. An item about a hidden person goes
   * to each person who may see them (the person, the other person named, their leads, admins) as
   * that person may see it, and anonymised to everyone else in those rooms.
   */
  feedDeliveries(items: readonly FeedItem[]): FeedDelivery[] {
    const restricted = this.restricted();
    const deliveries: FeedDelivery[] = [];
    const plain: FeedItem[] = [];
    const byRoom = new Map<string, FeedItem[]>();
    const roomOf = (f: FeedItem): string | undefined => (f.teamId ? rooms.team(f.teamId) : f.personId ? rooms.person(f.personId) : undefined);
    let people: ReturnType<Repositories['people']['listActive']> | undefined;
    for (const item of items) {
      const hidden = this.hiddenIn(item, restricted);
      const room = roomOf(item);
      if (hidden.length === 0) {
        plain.push(item);
        if (room) byRoom.set(room, [...(byRoom.get(room) ?? []), item]);
        continue;
      }
      people ??= this.repos.people.listActive();
      const involved = new Set([item.personId, item.fromPersonId].filter((id): id is string => id !== undefined));
      const hiddenTeams = new Set(hidden.map((id) => this.subjectOf(id).teamId).filter((t): t is string => t !== null));
      const privileged = people.filter((p) => involved.has(p.id) || p.role === 'admin' || (p.role === 'lead' && p.teamId !== null && hiddenTeams.has(p.teamId)));
      const personal = privileged.map((p) => rooms.person(p.id));
      for (const p of privileged) deliveries.push({ rooms: [rooms.person(p.id)], except: [], items: [this.feedItemWith({ id: p.id, role: p.role, teamId: p.teamId }, item, hidden)] });
      const anonymous = this.feedItemWith(undefined, item, hidden);
      if (room) deliveries.push({ rooms: [room], except: [rooms.allFeeds, ...personal], items: [anonymous] });
      deliveries.push({ rooms: [rooms.allFeeds], except: personal, items: [anonymous] });
    }
    for (const [room, roomItems] of byRoom) deliveries.push({ rooms: [room], except: [rooms.allFeeds], items: roomItems });
    if (plain.length > 0) deliveries.push({ rooms: [rooms.allFeeds], except: [], items: plain });
    return deliveries;
  }
}
