import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdjustmentView, AuditEntryView, PublishedRuleSet, RuleSetDraft, RulesView, WhatIfView } from '@opsquest/contracts';
import { apiRequest, isApiRequestError, queryString } from './http';
import { peopleKeys } from './people.queries';
import { queryKeys } from './query-keys';

/** Query keys of the rules page (kept here, next to their queries). */
export const rulesKeys = {
  rules: () => ['rules'] as const,
  auditAll: () => ['audit'] as const,
  audit: (action: string) => ['audit', { action }] as const,
};

/** Field messages of a 400 answer keyed by the path inside the body: "body.draft.rules.2.basePoints" -> "draft.rules.2.basePoints". */
export function bodyFieldErrors(error: Error | null): Record<string, string> {
  if (!isApiRequestError(error, 400)) return {};
  const result: Record<string, string> = {};
  for (const field of error.body.fields ?? []) {
    const path = field.path.startsWith('body.') ? field.path.slice('body.'.length) : field.path;
    if (result[path] === undefined) result[path] = field.message;
  }
  return result;
}

/** GET /api/rules: the version in force (with its editable configuration) and the history. */
export function useRules() {
  return useQuery({
    queryKey: rulesKeys.rules(),
    queryFn: ({ signal }) => apiRequest<RulesView>('/api/rules', { signal }),
    staleTime: 0,
  });
}

/** POST /api/rules/preview: the last 30 days under the rules in force and under the draft. */
export function usePreviewRules() {
  return useMutation({
    mutationFn: (draft: RuleSetDraft) => apiRequest<WhatIfView>('/api/rules/preview', { method: 'POST', body: { draft } }),
  });
}

export function usePublishRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { draft: RuleSetDraft; reason: string }) => apiRequest<PublishedRuleSet>('/api/rules/publish', { method: 'POST', body: input }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: rulesKeys.rules() }), queryClient.invalidateQueries({ queryKey: rulesKeys.auditAll() })]);
    },
  });
}

/** GET /api/audit, newest first; `action` is an action or a prefix ("rules.", "points.adjusted"), "" for all. */
export function useAuditLog(action: string, limit = 100) {
  return useQuery({
    queryKey: rulesKeys.audit(action),
    queryFn: ({ signal }) => apiRequest<{ entries: AuditEntryView[] }>(`/api/audit${queryString({ limit, action: action === '' ? undefined : action })}`, { signal }),
    select: (data) => data.entries,
    staleTime: 0,
  });
}

/** POST /api/people/:id/adjustments; the person's record, leaderboards and the audit log refresh. */
export function useAdjustPoints(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { points: number; reason: string }) =>
      apiRequest<AdjustmentView>(`/api/people/${encodeURIComponent(personId)}/adjustments`, { method: 'POST', body: input }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: peopleKeys.person(personId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.leaderboardAll() }),
        queryClient.invalidateQueries({ queryKey: rulesKeys.auditAll() }),
      ]);
    },
  });
}
