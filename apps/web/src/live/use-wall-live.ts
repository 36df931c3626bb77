import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { wallKeys } from '../api/wall.queries';
import { useUiStore } from '../stores/ui.store';
import { coalesce } from './coalesce';
import { connectLiveSocket } from './socket';

const REFRESH_DELAY_MS = 500;

/**
 * The wall lives outside the app shell, so it keeps its own socket: every change to the leaderboards,
 * the alarms or the feed refetches the wall (coalesced to one read per half second). No polling.
 */
export function useWallLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const { setLiveStatus } = useUiStore.getState();
    const refresh = coalesce(() => void queryClient.invalidateQueries({ queryKey: wallKeys.all() }), REFRESH_DELAY_MS);
    const socket = connectLiveSocket();
    let wasConnected = false;
    setLiveStatus('connecting');
    socket.on('connect', () => {
      setLiveStatus('live');
      // Catch up on whatever happened while we were away.
      if (wasConnected) refresh.call();
      wasConnected = true;
    });
    socket.on('disconnect', () => setLiveStatus('offline'));
    socket.on('connect_error', () => setLiveStatus('offline'));
    socket.on('leaderboard:changed', refresh.call);
    socket.on('workItem:changed', refresh.call);
    socket.on('feed:item', refresh.call);
    return () => {
      refresh.cancel();
      socket.removeAllListeners();
      socket.disconnect();
      setLiveStatus('offline');
    };
  }, [queryClient]);
}
