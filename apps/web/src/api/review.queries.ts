import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WithheldAwardView } from '@opsquest/contracts';
import { announceError } from '../live/announcements';
import { apiRequest } from './http';

export const HELD_KEY = ['review', 'held'] as const;
const mineKey = ['me', 'withheld'] as const;

/** Held points (bursts) waiting for my decision, as a lead or admin. */
export function useHeldAwards(enabled: boolean) {
  return useQuery({
    queryKey: HELD_KEY,
    queryFn: ({ signal }) => apiRequest<{ held: WithheldAwardView[] }>('/api/review/held', { signal }),
    select: (page) => page.held,
    enabled,
  });
}

/** My points that were not scored, and what became of held ones. */
export function useMyWithheld() {
  return useQuery({
    queryKey: mineKey,
    queryFn: ({ signal }) => apiRequest<{ withheld: WithheldAwardView[] }>('/api/me/withheld', { signal }),
    select: (page) => page.withheld,
  });
}

export function useDecideHeld() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, decision, reason }: { entryId: string; decision: 'release' | 'reject'; reason: string }) =>
      apiRequest<WithheldAwardView>(`/api/review/held/${encodeURIComponent(entryId)}/${decision}`, { method: 'POST', body: { reason } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: HELD_KEY }),
    onError: (error) => announceError('Decision not saved', error.message),
  });
}
