import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { MissionProgressEvent, MissionView } from '@opsquest/contracts';
import { missionKeys } from '../api/missions.queries';
import { useSessionStore } from '../stores/session.store';
import { announceMissionComplete } from './announcements';
import { acquireLiveSocket } from './socket';

/**
 * While signed in, on every page: a mission of mine (or my team's) that completes is celebrated.
 * `mission:progress` reaches only my person room and my team's room, so every completion heard is ours.
 */
export function useMissionCelebrations(): void {
  const queryClient = useQueryClient();
  const userId = useSessionStore((state) => state.user?.id);

  useEffect(() => {
    if (userId === undefined) return;
    const { socket, release } = acquireLiveSocket();
    const onProgress = (event: MissionProgressEvent): void => {
      if (!event.completed) return;
      const missions = queryClient.getQueryData<{ missions: MissionView[] }>(missionKeys.list())?.missions;
      const title = missions?.find((m) => m.id === event.missionId)?.title;
      announceMissionComplete(`${event.missionId}:${event.participantId}`, title);
    };
    socket.on('mission:progress', onProgress);
    return () => {
      socket.off('mission:progress', onProgress);
      release();
    };
  }, [queryClient, userId]);
}
