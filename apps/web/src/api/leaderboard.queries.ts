import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LeaderboardView } from '@opsquest/contracts';
import { apiRequest, queryString } from './http';
import { queryKeys, type LeaderboardParams } from './query-keys';

export function useLeaderboard(params: LeaderboardParams) {
  return useQuery({
    queryKey: queryKeys.leaderboard(params),
    queryFn: ({ signal }) => apiRequest<LeaderboardView>(`/api/leaderboard${queryString({ ...params })}`, { signal }),
    // Switching tabs keeps the old table on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
}
