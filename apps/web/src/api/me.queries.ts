import { queryOptions, useQuery } from '@tanstack/react-query';
import type { LedgerEntryView, MeView } from '@opsquest/contracts';
import { useSessionStore } from '../stores/session.store';
import { apiRequest, queryString } from './http';
import { queryKeys } from './query-keys';

const LEDGER_LIMIT = 50;

/** GET /api/me; a success also (re)confirms the session. */
async function fetchMe(signal: AbortSignal): Promise<MeView> {
  const me = await apiRequest<MeView>('/api/me', { signal });
  useSessionStore.getState().signIn(me);
  return me;
}

export const meQuery = queryOptions({ queryKey: queryKeys.me(), queryFn: ({ signal }) => fetchMe(signal) });

export function useMe(enabled = true) {
  return useQuery({ ...meQuery, enabled });
}

export function useLedger() {
  return useQuery({
    queryKey: queryKeys.ledger(LEDGER_LIMIT),
    queryFn: ({ signal }) => apiRequest<{ entries: LedgerEntryView[] }>(`/api/me/ledger${queryString({ limit: LEDGER_LIMIT })}`, { signal }),
    select: (data) => data.entries,
  });
}
