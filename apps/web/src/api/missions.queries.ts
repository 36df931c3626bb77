import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MissionDraft, MissionProgressEvent, MissionTemplateView, MissionView, ProposalView, ProposeBadgeBody } from '@opsquest/contracts';
import { apiRequest } from './http';

/** Query keys of missions and proposals (kept here, next to their queries). */
export const missionKeys = {
  all: () => ['missions'] as const,
  list: () => ['missions', 'list'] as const,
  templates: () => ['missions', 'templates'] as const,
  proposalsAll: () => ['proposals'] as const,
  proposals: (status: ProposalStatusFilter) => ['proposals', { status }] as const,
};

export type ProposalStatusFilter = 'pending' | 'approved' | 'rejected' | 'all';

export function useMissions() {
  return useQuery({
    queryKey: missionKeys.list(),
    queryFn: ({ signal }) => apiRequest<{ missions: MissionView[] }>('/api/missions', { signal }),
    select: (data) => data.missions,
  });
}

export function useMissionTemplates(enabled = true) {
  return useQuery({
    queryKey: missionKeys.templates(),
    queryFn: ({ signal }) => apiRequest<{ templates: MissionTemplateView[] }>('/api/missions/templates', { signal }),
    select: (data) => data.templates,
    staleTime: Infinity,
    enabled,
  });
}

export function useCreateMission() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: MissionDraft) => apiRequest<MissionView>('/api/missions', { method: 'POST', body: draft }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: missionKeys.list() }),
  });
}

export function useProposals(status: ProposalStatusFilter = 'all') {
  return useQuery({
    queryKey: missionKeys.proposals(status),
    queryFn: ({ signal }) => apiRequest<{ proposals: ProposalView[] }>(`/api/proposals?status=${status}`, { signal }),
    select: (data) => data.proposals,
    staleTime: 0,
  });
}

export function useProposeMission() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: MissionDraft) => apiRequest<ProposalView>('/api/proposals/missions', { method: 'POST', body: draft }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: missionKeys.proposalsAll() }),
  });
}

export function useProposeBadge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProposeBadgeBody) => apiRequest<ProposalView>('/api/proposals/badges', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: missionKeys.proposalsAll() }),
  });
}

export interface DecisionInput {
  id: string;
  decision: 'approve' | 'reject';
  reason: string;
}

export function useDecideProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, reason }: DecisionInput) => apiRequest<ProposalView>(`/api/proposals/${encodeURIComponent(id)}/${decision}`, { method: 'POST', body: { reason } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: missionKeys.proposalsAll() });
      void queryClient.invalidateQueries({ queryKey: missionKeys.list() });
    },
  });
}

/** A `mission:progress` event written into the cached list, so bars move without a refetch. */
export function applyMissionProgress(queryClient: QueryClient, event: MissionProgressEvent): boolean {
  let found = false;
  queryClient.setQueryData<{ missions: MissionView[] }>(missionKeys.list(), (data) => {
    if (!data) return data;
    return {
      missions: data.missions.map((m) => {
        if (m.id !== event.missionId || m.mine?.participantId !== event.participantId) return m;
        found = true;
        return { ...m, target: event.target, mine: { ...m.mine, progress: event.progress, completed: event.completed } };
      }),
    };
  });
  return found;
}
