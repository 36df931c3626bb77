import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { wallKeys } from '../api/wall.queries';
import { useUiStore } from '../stores/ui.store';
import { coalesce } from './coalesce';
import { acquireLiveSocket } from './socket';

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
    const { socket, release } = acquireLiveSocket();
    let wasConnected = socket.connected;
    setLiveStatus(socket.connected ? 'live' : 'connecting');
    const onConnect = (): void => {
      setLiveStatus('live');
      // Catch up on whatever happened while we were away.
      if (wasConnected) refresh.call();
      wasConnected = true;
    };
    const onOffline = (): void => setLiveStatus('offline');
    socket.on('connect', onConnect);
    socket.on('disconnect', onOffline);
    socket.on('connect_error', onOffline);
    socket.on('leaderboard:changed', refresh.call);
    socket.on('workItem:changed', refresh.call);
    socket.on('feed:item', refresh.call);
    return () => {
      refresh.cancel();
      socket.off('connect', onConnect);
      socket.off('disconnect', onOffline);
      socket.off('connect_error', onOffline);
      socket.off('leaderboard:changed', refresh.call);
      socket.off('workItem:changed', refresh.call);
      socket.off('feed:item', refresh.call);
      release();
      setLiveStatus('offline');
    };
  }, [queryClient]);
}
