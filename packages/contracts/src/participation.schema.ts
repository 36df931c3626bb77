import { z } from 'zod';
import { WINDOWS } from '@opsquest/core';
import type { Role } from './api.schema';

/** Participation settings per person: all on unless the person turns them off. */
export const participationBodySchema = z
  .object({
    /** appear by name on leaderboards, the wall and person pages (off: "Anonymous" to peers) */
    publicBoards: z.boolean(),
    /** appear by name in the activity feed (off: "A teammate" to peers) */
    showInFeed: z.boolean(),
    /** colleagues may give me kudos */
    acceptKudos: z.boolean(),
    /** leads and admins: take part in the game (my own level, points and streak in the header); absent: unchanged */
    playsGame: z.boolean().optional(),
  })
  .strict();
export type ParticipationSettings = z.infer<typeof participationBodySchema>;

export interface ParticipationView extends ParticipationSettings {
  personId: string;
  /** whether I take part in the game now (always for engineers and technicians) */
  playsGame: boolean;
  /** whether `playsGame` is mine to choose (leads and admins) */
  gameIsOptional: boolean;
}

/** Roles that take part in the game only when they choose to (off until they do). */
export const OPTIONAL_PLAYER_ROLES: readonly Role[] = ['lead', 'admin'];

/** Whether a person takes part in the game: engineers and technicians always; leads and admins when they chose to. */
export function takesPartInGame(role: Role, settings: Pick<ParticipationSettings, 'playsGame'>): boolean {
  return OPTIONAL_PLAYER_ROLES.includes(role) ? settings.playsGame === true : true;
}

export const DEFAULT_PARTICIPATION: ParticipationSettings = { publicBoards: true, showInFeed: true, acceptKudos: true };

/** Admin switch: weekly league tiers (bronze / silver / gold) with promotion and demotion. */
export const leagueSettingsBodySchema = z.object({ tiers: z.boolean() }).strict();
export type LeagueSettings = z.infer<typeof leagueSettingsBodySchema>;

export const BOARD_LEAGUES = ['mine', 'all'] as const;
export type BoardLeague = (typeof BOARD_LEAGUES)[number];
export const BOARD_METRICS = ['points', 'perHour'] as const;
export type BoardMetric = (typeof BOARD_METRICS)[number];

/** GET /api/leaderboard: the board's scope, window and size, plus the fairness options. */
export const boardQuerySchema = z
  .object({
    scope: z.enum(['individual', 'team']).default('individual'),
    window: z.enum(WINDOWS).default('week'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** also return this many standings either side of me ("around me") */
    around: z.coerce.number().int().min(0).max(50).default(0),
    /** individual boards: my league (same role; default) or everyone */
    league: z.enum(BOARD_LEAGUES).optional(),
    /** individual boards: points, or points per scheduled working hour */
    metric: z.enum(BOARD_METRICS).default('points'),
  })
  .strict();
export type BoardQuery = z.infer<typeof boardQuerySchema>;
