import { useQuery } from '@tanstack/react-query';
import type { LedgerEntryView, MasteryView, PersonView } from '@opsquest/contracts';
import { apiRequest, queryString } from './http';
import { queryKeys } from './query-keys';

/** The profile's history goes further back than the console's panel. */
export const PROFILE_LEDGER_LIMIT = 200;

export const profileKeys = {
  person: (id: string) => ['profile', 'person', id] as const,
  mastery: (id: string) => ['profile', 'mastery', id] as const,
};

/** Skill tracks, personal bests and this week against my average: mine (`self`) or a team member's (a lead). */
export function useMastery(id: string, self: boolean) {
  return useQuery({
    queryKey: profileKeys.mastery(id),
    queryFn: ({ signal }) => apiRequest<MasteryView>(self ? '/api/insights/me' : `/api/insights/people/${encodeURIComponent(id)}`, { signal }),
    staleTime: 30_000,
  });
}

/** GET /api/people/:id for myself: SLA record and points per day for the last 30 days. */
export function usePersonRecord(id: string) {
  return useQuery({
    queryKey: profileKeys.person(id),
    queryFn: ({ signal }) => apiRequest<PersonView>(`/api/people/${encodeURIComponent(id)}`, { signal }),
    staleTime: 30_000,
  });
}

/** GET /api/me/ledger?limit=200, under the ['ledger', ...] key so live points refresh it. */
export function useProfileLedger() {
  return useQuery({
    queryKey: queryKeys.ledger(PROFILE_LEDGER_LIMIT),
    queryFn: ({ signal }) =>
      apiRequest<{ entries: LedgerEntryView[] }>(`/api/me/ledger${queryString({ limit: PROFILE_LEDGER_LIMIT })}`, { signal }),
    select: (data) => data.entries,
  });
}
