import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeView } from '@opsquest/contracts';
import { landingPathFor } from '../lib/landing-path';
import { useSessionStore } from '../stores/session.store';
import { useToastStore } from '../stores/toast.store';
import { prefetchConsoleQueues } from './first-screen.prefetch';
import { apiRequest, apiRequestNoContent } from './http';
import { queryKeys } from './query-keys';

interface Credentials {
  username: string;
  password: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      apiRequest<MeView>('/api/auth/login', { method: 'POST', body: credentials, expireSessionOn401: false }),
    onSuccess: (me) => {
      // Nothing of a previous user may survive into this session.
      queryClient.clear();
      useToastStore.getState().clear();
      queryClient.setQueryData(queryKeys.me(), me);
      // The console's queues start now, beside the page change, not after the console first renders
      // (for the roles that land on it).
      if (landingPathFor(me.role) === '/') prefetchConsoleQueues(queryClient, me.role);
      useSessionStore.getState().signIn(me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequestNoContent('/api/auth/logout', { method: 'POST' }),
    // Signed out locally even when the server could not be reached.
    onSettled: () => {
      useSessionStore.getState().logOut();
      queryClient.clear();
      useToastStore.getState().clear();
    },
  });
}
