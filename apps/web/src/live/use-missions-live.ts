import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { MissionProgressEvent } from '@opsquest/contracts';
import { applyMissionProgress, missionKeys } from '../api/missions.queries';
import { acquireLiveSocket } from './socket';

/**
 * While missions are on screen: `mission:progress` (sent to my person room, or my team's room for
 * team missions) moves the bars in the cache; a completion or an unknown mission refetches the list.
 */
export function useMissionsLive(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    const { socket, release } = acquireLiveSocket();
    let wasConnected = socket.connected;
    const onProgress = (event: MissionProgressEvent): void => {
      const applied = applyMissionProgress(queryClient, event);
      if (!applied || event.completed) void queryClient.invalidateQueries({ queryKey: missionKeys.list() });
    };
    const onConnect = (): void => {
      if (wasConnected) void queryClient.invalidateQueries({ queryKey: missionKeys.all() });
      wasConnected = true;
    };
    socket.on('mission:progress', onProgress);
    socket.on('connect', onConnect);
    return () => {
      socket.off('mission:progress', onProgress);
      socket.off('connect', onConnect);
      release();
    };
  }, [queryClient]);
}
