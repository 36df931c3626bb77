import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LeagueSettings } from '@opsquest/contracts';
import { announceError } from '../live/announcements';
import { apiRequest } from './http';
import { queryKeys } from './query-keys';

const settingsKey = ['leaderboard-settings'] as const;

export function useLeagueSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => apiRequest<LeagueSettings>('/api/leaderboard/settings', { signal }),
  });
}

/** Admin: weekly league tiers with promotion and demotion, on or off. */
export function useSetLeagueSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: LeagueSettings) => apiRequest<LeagueSettings>('/api/leaderboard/settings', { method: 'PUT', body: settings }),
    // The switch moves at once; a refusal puts it back.
    onMutate: (settings) => {
      const before = queryClient.getQueryData<LeagueSettings>(settingsKey);
      queryClient.setQueryData(settingsKey, settings);
      return { before };
    },
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      void queryClient.invalidateQueries({ queryKey: queryKeys.leaderboardAll() });
    },
    onError: (error, _settings, context) => {
      if (context?.before) queryClient.setQueryData(settingsKey, context.before);
      announceError('League setting not saved', error.message);
    },
  });
}
