import { queryOptions, useQuery } from '@tanstack/react-query';
import type { LedgerEntryView, MeView, SessionView } from '@opsquest/contracts';
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

/**
 * GET /api/auth/session, the page's first question: signed in (and who: ['me'] is filled from the
 * answer) or not. It answers 200 either way, so a visitor who is not signed in costs no failed
 * request. Settles the session store; `null` when signed out.
 */
export const sessionQuery = queryOptions({
  queryKey: ['session'] as const,
  queryFn: async ({ signal, client }): Promise<MeView | null> => {
    const session = await apiRequest<SessionView>('/api/auth/session', { signal, expireSessionOn401: false });
    if (!session.signedIn) {
      useSessionStore.getState().expire();
      return null;
    }
    client.setQueryData(queryKeys.me(), session.me);
    useSessionStore.getState().signIn(session.me);
    return session.me;
  },
  // Asked once per page load: afterwards any 401 or a log-out settles the session.
  staleTime: Number.POSITIVE_INFINITY,
});

/** While the session is not known yet (status `checking`): asks once, shared with the start-up prefetch. */
export function useSessionCheck(enabled: boolean) {
  return useQuery({ ...sessionQuery, enabled });
}

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
