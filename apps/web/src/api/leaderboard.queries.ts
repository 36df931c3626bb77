import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BoardLeague, BoardMetric, LeaderboardView } from '@opsquest/contracts';
import { apiRequest, queryString } from './http';
import { queryKeys, type LeaderboardParams } from './query-keys';

export interface LeaderboardRequest extends LeaderboardParams {
  /** also ask for this many standings either side of me */
  around?: number;
  /** individual boards: my league (the server's default) or everyone */
  league?: BoardLeague;
  /** individual boards: points, or points per scheduled hour */
  metric?: BoardMetric;
}

/**
 * The key stays ['leaderboard', params] (params with `window`), so 'leaderboard:changed'
 * on the socket invalidates it like any other board.
 */
export function leaderboardKey(params: LeaderboardRequest) {
  return [...queryKeys.leaderboardAll(), params] as const;
}

export function useLeaderboard(params: LeaderboardRequest) {
  return useQuery({
    queryKey: leaderboardKey(params),
    queryFn: ({ signal }) => apiRequest<LeaderboardView>(`/api/leaderboard${queryString({ ...params })}`, { signal }),
    // Switching tabs keeps the old table on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
}
