import type { LeaderboardQuery, Stream, Window, WorkItemsQuery } from '@opsquest/contracts';

/** Every TanStack Query key of the app: socket handlers and mutations find caches through these. */

export interface WorkItemFilter {
  stream: Stream;
  state: WorkItemsQuery['state'];
  /** only items assigned to me */
  mine: boolean;
  limit: number;
}

export interface LeaderboardParams {
  scope: LeaderboardQuery['scope'];
  window: Window;
  limit: number;
}

export const queryKeys = {
  me: () => ['me'] as const,
  ledgerAll: () => ['ledger'] as const,
  ledger: (limit: number) => ['ledger', { limit }] as const,
  workItemsAll: () => ['work-items'] as const,
  workItems: (filter: WorkItemFilter) => ['work-items', filter] as const,
  leaderboardAll: () => ['leaderboard'] as const,
  leaderboard: (params: LeaderboardParams) => ['leaderboard', params] as const,
  feedAll: () => ['feed'] as const,
  feed: (limit: number) => ['feed', { limit }] as const,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The filter inside a ['work-items', filter] key. */
export function workItemFilterOf(queryKey: readonly unknown[]): WorkItemFilter | undefined {
  const [, filter] = queryKey;
  if (!isRecord(filter)) return undefined;
  const { stream, state, mine, limit } = filter;
  if (stream !== 'alarm' && stream !== 'order' && stream !== 'truckroll') return undefined;
  if (state !== 'open' && state !== 'closed' && state !== 'all') return undefined;
  if (typeof mine !== 'boolean' || typeof limit !== 'number') return undefined;
  return { stream, state, mine, limit };
}

/** The window inside a ['leaderboard', params] key. */
export function leaderboardWindowOf(queryKey: readonly unknown[]): Window | undefined {
  const [, params] = queryKey;
  if (!isRecord(params)) return undefined;
  const { window } = params;
  return window === 'day' || window === 'week' || window === 'month' || window === 'all' ? window : undefined;
}
