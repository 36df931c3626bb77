import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ParticipationSettings, ParticipationView } from '@opsquest/contracts';
import { apiRequest } from './http';
import { queryKeys } from './query-keys';

export const participationKeys = {
  mine: () => ['participation'] as const,
};

export function useParticipation() {
  return useQuery({
    queryKey: participationKeys.mine(),
    queryFn: ({ signal }) => apiRequest<ParticipationView>('/api/me/participation', { signal }),
  });
}

export function useUpdateParticipation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: ParticipationSettings) => apiRequest<ParticipationView>('/api/me/participation', { method: 'PUT', body: settings }),
    onSuccess: (view) => {
      queryClient.setQueryData(participationKeys.mine(), view);
      void queryClient.invalidateQueries({ queryKey: queryKeys.leaderboardAll() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.feedAll() });
    },
  });
}
