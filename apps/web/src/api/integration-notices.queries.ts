import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { IntegrationNoticeView } from '@opsquest/contracts';
import { apiRequest } from './http';

export interface IntegrationNoticesPage {
  notices: IntegrationNoticeView[];
}

/** Query keys of the admin's integration notices (kept here, beside their query). */
export const integrationNoticeKeys = {
  list: () => ['admin', 'integration-notices'] as const,
};

/** GET /api/admin/integration-notices (admins): truncated groups and refused requests. Kept fresh by 'integration:notice'. */
export function useIntegrationNotices(enabled = true) {
  return useQuery({
    queryKey: integrationNoticeKeys.list(),
    queryFn: ({ signal }) => apiRequest<IntegrationNoticesPage>('/api/admin/integration-notices', { signal }),
    select: (page) => page.notices,
    enabled,
  });
}

/** The list with this notice put in place of the one with its id, or added. */
export function upsertNotice(notices: readonly IntegrationNoticeView[], notice: IntegrationNoticeView): IntegrationNoticeView[] {
  const index = notices.findIndex((n) => n.id === notice.id);
  if (index < 0) return [notice, ...notices];
  return notices.map((n, i) => (i === index ? notice : n));
}

/**
 * 'integration:notice': the notice goes into the cached list at once. With no list cached there is
 * nothing to update (the panel reads the list when it opens); while a read is on its way, it is restarted.
 */
export function applyIntegrationNotice(queryClient: QueryClient, notice: IntegrationNoticeView): void {
  const key = integrationNoticeKeys.list();
  const state = queryClient.getQueryState<IntegrationNoticesPage>(key);
  if (state === undefined) return;
  if (state.fetchStatus === 'fetching' || state.data === undefined) {
    void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  queryClient.setQueryData<IntegrationNoticesPage>(key, (page) => (page ? { notices: upsertNotice(page.notices, notice) } : page));
}
