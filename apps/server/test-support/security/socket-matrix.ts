import type { ServerToClientEvents } from '@opsquest/contracts';

/** A server-to-client socket event name (every key of the typed event map). */
export type SocketEventName = keyof ServerToClientEvents;

/**
 * Who may hear a live event, relative to the person it concerns ("self"). Anonymous sockets
 * never connect: the handshake needs a live session cookie.
 */
export const SOCKET_AUDIENCES = ['anonymous', 'self', 'sameTeamEngineer', 'otherTeamTechnician', 'ownLead', 'otherTeamLead', 'admin'] as const;
export type SocketAudience = (typeof SOCKET_AUDIENCES)[number];

export const SOCKET_AUDIENCE_LABELS: Record<SocketAudience, string> = {
  anonymous: 'anonymous',
  self: 'person concerned',
  sameTeamEngineer: 'same-team engineer',
  otherTeamTechnician: 'other-team technician',
  ownLead: 'own lead',
  otherTeamLead: 'other-team lead',
  admin: 'admin',
};

/**
 * receives: gets the payload as is; anonymised: gets it with hidden (opted-out) people replaced by
 * "A teammate" (no id, no name); not-sent: may read the same data over HTTP but is not sent it live;
 * denied: must never get it (private to others, or cannot connect).
 */
export type SocketDelivery = 'receives' | 'anonymised' | 'not-sent' | 'denied';

export interface SocketCase {
  /** short id of the case, unique within its event */
  id: string;
  /** the situation this row describes */
  when: string;
  /** the room(s) the server emits to (see socket/socket-server.ts) */
  rooms: string;
  /** what the payload may contain */
  payload: string;
  who: Record<SocketAudience, SocketDelivery>;
}

const onlySelf: Record<SocketAudience, SocketDelivery> = {
  anonymous: 'denied',
  self: 'receives',
  sameTeamEngineer: 'denied',
  otherTeamTechnician: 'denied',
  ownLead: 'denied',
  otherTeamLead: 'denied',
  admin: 'denied',
};

const everyone: Record<SocketAudience, SocketDelivery> = {
  anonymous: 'denied',
  self: 'receives',
  sameTeamEngineer: 'receives',
  otherTeamTechnician: 'receives',
  ownLead: 'receives',
  otherTeamLead: 'receives',
  admin: 'receives',
};

/**
 * The socket policy as data: for every server-to-client event, who receives it. Typed over the
 * event map, so a new event in packages/contracts/src/socket-events.ts does not compile until it
 * has a row here. socket-matrix.test.ts checks every cell with real socket.io clients.
 */
export const SOCKET_POLICY: { readonly [E in SocketEventName]: readonly SocketCase[] } = {
  'workItem:changed': [
    {
      id: 'board',
      when: 'a work item changed (alarm, truck-roll, order)',
      rooms: 'global',
      payload:
        'the NOC board as GET /api/work-items gives it to every signed-in person: states, SLA clocks, notes; `assignee` is a username (operational, shown even for people who opted out of boards and feed); no person ids, no display names, no points',
      who: everyone,
    },
  ],
  'points:awarded': [
    {
      id: 'own',
      when: 'points landed in a person’s ledger (work, kudos, adjustment, mission reward, released hold)',
      rooms: 'person:<id>',
      payload: 'that person’s ledger entries (reasons may name the giver of kudos or the lead who adjusted) and XP',
      who: onlySelf,
    },
  ],
  'badge:earned': [
    {
      id: 'own',
      when: 'a person earned a badge (hidden badges included)',
      rooms: 'person:<id>',
      payload: 'the badge with the person’s progress',
      who: onlySelf,
    },
  ],
  'level:up': [
    {
      id: 'own',
      when: 'a person’s level went up',
      rooms: 'person:<id>',
      payload: 'person id, from and to level',
      who: onlySelf,
    },
  ],
  'leaderboard:changed': [
    {
      id: 'tick',
      when: 'any board moved (coalesced, at most one per tick)',
      rooms: 'global',
      payload: 'only which windows changed and when: no names, ids or points (clients re-read the boards, which apply opt-outs per viewer)',
      who: everyone,
    },
  ],
  'review:held': [
    {
      id: 'queue',
      when: 'points of a person were held for review (a burst)',
      rooms: 'the reviewers of that person’s team: its lead(s) and admins',
      payload: 'team ids and a count, no one’s details. A lead reviews only their own team (GET /api/review/held is scoped to it), so another team’s lead must not hear that this team’s queue grew',
      who: { anonymous: 'denied', self: 'denied', sameTeamEngineer: 'denied', otherTeamTechnician: 'denied', ownLead: 'receives', otherTeamLead: 'denied', admin: 'receives' },
    },
  ],
  'feed:item': [
    {
      id: 'visible',
      when: 'an activity line about a person who shows in the feed (kudos, points, badge, level, mission)',
      rooms: 'team:<id> and feed:all (leads and admins)',
      payload:
        'the line with person ids and names. Leads read every team’s feed over HTTP (GET /api/feed) and the wall shows every team’s recent awards, so other teams’ leads get the lines live too; other teams’ engineers and technicians do not',
      who: { anonymous: 'denied', self: 'receives', sameTeamEngineer: 'receives', otherTeamTechnician: 'denied', ownLead: 'receives', otherTeamLead: 'receives', admin: 'receives' },
    },
    {
      id: 'hidden',
      when: 'the same about a person who turned "show in feed" off',
      rooms: 'person:<id> of the person, own leads and admins (by name); team:<id> and feed:all except those (anonymised)',
      payload: 'by name only to the person, their own team’s lead and admins; everyone else gets "A teammate" with no person id and no name',
      who: { anonymous: 'denied', self: 'receives', sameTeamEngineer: 'anonymised', otherTeamTechnician: 'denied', ownLead: 'receives', otherTeamLead: 'anonymised', admin: 'receives' },
    },
  ],
  'mission:progress': [
    {
      id: 'person',
      when: 'a person mission moved',
      rooms: 'person:<id>',
      payload: 'mission id, participant (the person’s id), progress, target, completed',
      // The creating lead and admins see the mission over HTTP (GET /api/missions/:id); they are not sent its ticks.
      who: { anonymous: 'denied', self: 'receives', sameTeamEngineer: 'denied', otherTeamTechnician: 'denied', ownLead: 'not-sent', otherTeamLead: 'denied', admin: 'not-sent' },
    },
    {
      id: 'team',
      when: 'a team mission moved',
      rooms: 'team:<id>',
      payload: 'mission id, participant (the team id), progress, target, completed: no person named',
      who: { anonymous: 'denied', self: 'receives', sameTeamEngineer: 'receives', otherTeamTechnician: 'denied', ownLead: 'receives', otherTeamLead: 'denied', admin: 'not-sent' },
    },
  ],
  'alarms:gaps': [
    {
      id: 'board',
      when: 'a truncation gap opened, grew or closed (an Alertmanager group whose left-out alerts could not be fetched)',
      rooms: 'global',
      payload: 'every open gap as GET /api/alarms/gaps gives it: group key and labels, how many alerts are missing, the reason; no key, no sender, no person',
      who: everyone,
    },
  ],
  'maintenance:changed': [
    {
      id: 'board',
      when: 'planned work was declared or cancelled (a lead, an admin or an integration with maintenance:write)',
      rooms: 'global',
      payload: 'every current maintenance window as GET /api/maintenance-windows gives it: title, scope (regions, sites, elements), times, who declared it, how many alarms it marked',
      who: everyone,
    },
  ],
  'integration:notice': [
    {
      id: 'admins',
      when: 'an integration notice was recorded or resolved (truncated group, refused request)',
      rooms: 'admins',
      payload: 'the notice as GET /api/admin/integration-notices gives it: key id and name, route, status, reason (names the field, never a header, secret or body)',
      who: { anonymous: 'denied', self: 'denied', sameTeamEngineer: 'denied', otherTeamTechnician: 'denied', ownLead: 'denied', otherTeamLead: 'denied', admin: 'receives' },
    },
  ],
};

/** Every (event, case) row of the policy, in the order of the event map. */
export function socketPolicyRows(): { event: SocketEventName; row: SocketCase }[] {
  return (Object.keys(SOCKET_POLICY) as SocketEventName[]).flatMap((event) => SOCKET_POLICY[event].map((row) => ({ event, row })));
}
