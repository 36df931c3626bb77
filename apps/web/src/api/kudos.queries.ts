import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GiveKudosBody, GiveKudosResult, KudosBudgetView } from '@opsquest/contracts';
import { apiRequest } from './http';
import { queryKeys } from './query-keys';

export const kudosKeys = {
  budget: () => ['kudos', 'budget'] as const,
};

/** How many kudos I may still give today. */
export function useKudosBudget(enabled = true) {
  return useQuery({
    queryKey: kudosKeys.budget(),
    queryFn: ({ signal }) => apiRequest<KudosBudgetView>('/api/kudos/budget', { signal }),
    enabled,
  });
}

/** Give kudos; the budget comes back with the answer, the feed and boards refresh. */
export function useGiveKudos() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GiveKudosBody) => apiRequest<GiveKudosResult>('/api/kudos', { method: 'POST', body }),
    onSuccess: (result) => {
      queryClient.setQueryData(kudosKeys.budget(), result.budget);
      void queryClient.invalidateQueries({ queryKey: queryKeys.feedAll() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.leaderboardAll() });
    },
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: kudosKeys.budget() });
    },
  });
}
