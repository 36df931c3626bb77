import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DashboardView, EngagementView, OutcomeTrendsView, TeamSummary } from '@opsquest/contracts';
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
  engagement: (params: DashboardParams) => ['dashboard', 'engagement', params] as const,
  outcomes: (params: DashboardParams) => ['dashboard', 'outcomes', params] as const,
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

/** GET /api/insights/engagement: active people, actions per shift, streaks, badge unlocks (refreshed with the dashboard). */
export function useEngagement(params: DashboardParams) {
  return useQuery({
    queryKey: dashboardKeys.engagement(params),
    queryFn: ({ signal }) => apiRequest<EngagementView>(`/api/insights/engagement${queryString({ days: params.days, teamId: params.teamId })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/insights/outcomes: MTTA, MTTR and SLA attainment per day, and before/after each rule or mission change. */
export function useOutcomeTrends(params: DashboardParams) {
  return useQuery({
    queryKey: dashboardKeys.outcomes(params),
    queryFn: ({ signal }) => apiRequest<OutcomeTrendsView>(`/api/insights/outcomes${queryString({ days: params.days, teamId: params.teamId })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
