import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { replaceAlarmGaps } from '../api/alarm-gaps.queries';
import { replaceMaintenanceWindows } from '../api/maintenance.queries';
import { prependFeedItems } from '../api/feed.queries';
import { applyIntegrationNotice } from '../api/integration-notices.queries';
import { leaderboardWindowOf, queryKeys } from '../api/query-keys';
import { HELD_KEY } from '../api/review.queries';
import { applyWorkItemChanges } from '../api/work-items.cache';
import { useSessionStore } from '../stores/session.store';
import { useUiStore } from '../stores/ui.store';
import { announceBadge, announceLevelUp, announcePoints } from './announcements';
import { acquireLiveSocket, off, on, type LiveHandlers } from './socket';

const RETRY_AFTER_REFUSAL_MS = 5_000;

/**
 * While signed in: one socket, whose events update the query caches (no polling).
 * After a reconnect every query is refetched once, to catch up on what was missed.
 */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  const userId = useSessionStore((state) => state.user?.id);
  const username = useSessionStore((state) => state.user?.username);

  useEffect(() => {
    if (userId === undefined || username === undefined) return;
    const { setLiveStatus } = useUiStore.getState();
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshMine = (): void => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.ledgerAll() });
    };

    const { socket, release } = acquireLiveSocket();
    let wasConnected = socket.connected;
    setLiveStatus(socket.connected ? 'live' : 'connecting');
    const handlers: LiveHandlers = {
      'workItem:changed': ({ items }) => applyWorkItemChanges(queryClient, items, username),
      'points:awarded': ({ personId, entries }) => {
        if (personId !== userId) return;
        announcePoints(entries);
        refreshMine();
      },
      'badge:earned': ({ personId, badge }) => {
        if (personId !== userId) return;
        announceBadge(personId, badge);
        refreshMine();
      },
      'level:up': ({ personId, from, to }) => {
        if (personId !== userId) return;
        announceLevelUp(personId, from, to);
        refreshMine();
      },
      'leaderboard:changed': ({ windows }) => {
        void queryClient.invalidateQueries({
          queryKey: queryKeys.leaderboardAll(),
          predicate: (query) => {
            const changed = leaderboardWindowOf(query.queryKey);
            return changed === undefined || windows.includes(changed);
          },
        });
      },
      'feed:item': ({ items }) => prependFeedItems(queryClient, items),
      // Leads and admins: the held-for-review queue grew; it refetches if it is on screen.
      'review:held': () => void queryClient.invalidateQueries({ queryKey: HELD_KEY }),
      // Every open truncation gap, as GET /api/alarms/gaps answers: the banner above the board.
      'alarms:gaps': ({ gaps }) => replaceAlarmGaps(queryClient, gaps),
      // Planned work declared or cancelled: the banner above the board, the wall and the planned-work page.
      'maintenance:changed': ({ windows }) => replaceMaintenanceWindows(queryClient, windows),
      // Admins: a notice recorded or resolved goes into the admin page's list.
      'integration:notice': ({ notice }) => applyIntegrationNotice(queryClient, notice),
    };
    const onConnect = (): void => {
      setLiveStatus('live');
      if (wasConnected) void queryClient.invalidateQueries();
      wasConnected = true;
    };
    // socket.io reconnects by itself after a dropped link (`active`); after a deliberate close it does not.
    const onDisconnect = (): void => setLiveStatus(socket.active ? 'reconnecting' : 'offline');
    const onReconnectAttempt = (attempt: number): void => setLiveStatus('reconnecting', attempt);
    const onReconnectFailed = (): void => setLiveStatus('offline');
    const onConnectError = (): void => {
      if (socket.active) {
        setLiveStatus('reconnecting'); // socket.io retries by itself
        return;
      }
      setLiveStatus('offline');
      // Refused by the server (e.g. the session ended): ['me'] answers 401 and the gate signs out.
      void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
      retryTimer = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.io.on('reconnect_attempt', onReconnectAttempt);
    socket.io.on('reconnect_failed', onReconnectFailed);
    on(socket, handlers);

    return () => {
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.io.off('reconnect_attempt', onReconnectAttempt);
      socket.io.off('reconnect_failed', onReconnectFailed);
      off(socket, handlers);
      release();
      setLiveStatus('offline');
    };
  }, [queryClient, userId, username]);
}
