import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { AlarmGapView } from '@opsquest/contracts';
import { apiRequest } from './http';

export interface AlarmGapsPage {
  gaps: AlarmGapView[];
}

/** Query keys of the truncation gaps above the alarm board (kept here, beside their query). */
export const alarmGapKeys = {
  open: () => ['alarm-gaps'] as const,
};

/** GET /api/alarms/gaps: Alertmanager groups whose missing alerts never reached OpsQuest. Kept fresh by 'alarms:gaps'. */
export function useAlarmGaps(enabled = true) {
  return useQuery({
    queryKey: alarmGapKeys.open(),
    queryFn: ({ signal }) => apiRequest<AlarmGapsPage>('/api/alarms/gaps', { signal }),
    select: (page) => page.gaps,
    enabled,
  });
}

/**
 * 'alarms:gaps' carries every open gap: it replaces the cache. While a read is on its way, that
 * read is restarted instead (its answer could be older than the event).
 */
export function replaceAlarmGaps(queryClient: QueryClient, gaps: AlarmGapView[]): void {
  const key = alarmGapKeys.open();
  if (queryClient.getQueryState(key)?.fetchStatus === 'fetching') {
    void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  queryClient.setQueryData<AlarmGapsPage>(key, { gaps });
}
