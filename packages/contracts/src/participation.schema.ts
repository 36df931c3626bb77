import { z } from 'zod';
import { WINDOWS } from '@opsquest/core';

/** Participation settings per person: all on unless the person turns them off. */
export const participationBodySchema = z
  .object({
    /** appear by name on leaderboards, the wall and person pages (off: "Anonymous" to peers) */
    publicBoards: z.boolean(),
    /** appear by name in the activity feed (off: "A teammate" to peers) */
    showInFeed: z.boolean(),
    /** colleagues may give me kudos */
    acceptKudos: z.boolean(),
  })
  .strict();
export type ParticipationSettings = z.infer<typeof participationBodySchema>;

export interface ParticipationView extends ParticipationSettings {
  personId: string;
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
