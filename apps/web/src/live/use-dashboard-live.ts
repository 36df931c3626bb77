import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { dashboardKeys } from '../api/dashboard.queries';
import { acquireLiveSocket } from './socket';

/** Bursts of changes (an alarm storm) refetch the dashboard once, after things calm down. */
const DEBOUNCE_MS = 2_000;
/** ...but never wait longer than this while changes keep coming. */
const MAX_WAIT_MS = 10_000;

/**
 * While the dashboard is open: refetch its trends when work items or points change.
 * Socket-driven and debounced; no polling.
 */
export function useDashboardLive(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    const { socket, release } = acquireLiveSocket();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstPendingAt: number | undefined;
    let wasConnected = socket.connected;

    const refresh = (): void => {
      timer = undefined;
      firstPendingAt = undefined;
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.all() });
    };
    const schedule = (): void => {
      const now = Date.now();
      firstPendingAt ??= now;
      if (timer !== undefined) clearTimeout(timer);
      const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstPendingAt + MAX_WAIT_MS - now));
      timer = setTimeout(refresh, wait);
    };

    const onConnect = (): void => {
      // After a reconnect, catch up on what was missed.
      if (wasConnected) schedule();
      wasConnected = true;
    };
    socket.on('connect', onConnect);
    socket.on('workItem:changed', schedule);
    socket.on('leaderboard:changed', schedule);

    return () => {
      if (timer !== undefined) clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('workItem:changed', schedule);
      socket.off('leaderboard:changed', schedule);
      release();
    };
  }, [queryClient]);
}
