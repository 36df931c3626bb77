import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DashboardView, TeamSummary } from '@opsquest/contracts';
import { apiRequest, queryString } from './http';

export interface DashboardParams {
  days: number;
  /** undefined: the server's default (a lead's own team; all teams for an admin) */
  teamId: string | undefined;
}

/** Query keys of the lead's pages (kept here, next to their queries). */
export const dashboardKeys = {
  all: () => ['dashboard'] as const,
  view: (params: DashboardParams) => ['dashboard', params] as const,
  teams: () => ['teams'] as const,
};

export function useDashboard(params: DashboardParams) {
  return useQuery({
    queryKey: dashboardKeys.view(params),
    queryFn: ({ signal }) => apiRequest<DashboardView>(`/api/dashboard${queryString({ days: params.days, teamId: params.teamId })}`, { signal }),
    // Switching the period keeps the charts on screen until the new data arrives.
    placeholderData: keepPreviousData,
  });
}

/** GET /api/teams: names and members (a lead uses it to know who may be opened). */
export function useTeams(enabled = true) {
  return useQuery({
    queryKey: dashboardKeys.teams(),
    queryFn: ({ signal }) => apiRequest<{ teams: TeamSummary[] }>('/api/teams', { signal }),
    select: (data) => data.teams,
    staleTime: 5 * 60_000,
    enabled,
  });
}
