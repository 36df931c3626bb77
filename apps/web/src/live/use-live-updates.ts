import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { prependFeedItems } from '../api/feed.queries';
import { leaderboardWindowOf, queryKeys } from '../api/query-keys';
import { applyWorkItemChanges } from '../api/work-items.cache';
import { useSessionStore } from '../stores/session.store';
import { useUiStore } from '../stores/ui.store';
import { announceBadge, announceLevelUp, announcePoints } from './announcements';
import { connectLiveSocket } from './socket';

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
    const socket = connectLiveSocket();
    let wasConnected = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshMine = (): void => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.ledgerAll() });
    };

    setLiveStatus('connecting');
    socket.on('connect', () => {
      setLiveStatus('live');
      if (wasConnected) void queryClient.invalidateQueries();
      wasConnected = true;
    });
    socket.on('disconnect', () => setLiveStatus('offline'));
    socket.on('connect_error', () => {
      setLiveStatus('offline');
      if (socket.active) return; // socket.io retries by itself
      // Refused by the server (e.g. the session ended): ['me'] answers 401 and the gate signs out.
      void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
      retryTimer = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
    });

    socket.on('workItem:changed', ({ items }) => applyWorkItemChanges(queryClient, items, username));
    socket.on('points:awarded', ({ personId, entries }) => {
      if (personId !== userId) return;
      announcePoints(entries);
      refreshMine();
    });
    socket.on('badge:earned', ({ personId, badge }) => {
      if (personId !== userId) return;
      announceBadge(personId, badge);
      refreshMine();
    });
    socket.on('level:up', ({ personId, from, to }) => {
      if (personId !== userId) return;
      announceLevelUp(personId, from, to);
      refreshMine();
    });
    socket.on('leaderboard:changed', ({ windows }) => {
      void queryClient.invalidateQueries({
        queryKey: queryKeys.leaderboardAll(),
        predicate: (query) => {
          const changed = leaderboardWindowOf(query.queryKey);
          return changed === undefined || windows.includes(changed);
        },
      });
    });
    socket.on('feed:item', ({ items }) => prependFeedItems(queryClient, items));

    return () => {
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
      setLiveStatus('offline');
    };
  }, [queryClient, userId, username]);
}
