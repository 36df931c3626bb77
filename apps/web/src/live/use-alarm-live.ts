import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ServerToClientEvents, WorkItemTimeline } from '@opsquest/contracts';
import { alarmKeys } from '../api/alarms.queries';
import { acquireLiveSocket } from './socket';

/**
 * The alarm page follows its item: when a workItem:changed event names it, the new facts show at
 * once and the timeline is refetched (the event log and the points behind it live on the server).
 */
export function useAlarmLive(id: number): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!Number.isInteger(id) || id <= 0) return;
    const key = alarmKeys.timeline(id);
    const { socket, release } = acquireLiveSocket();
    const onChanged: ServerToClientEvents['workItem:changed'] = ({ items }) => {
      const item = items.find((candidate) => candidate.id === id);
      if (!item) return;
      queryClient.setQueryData<WorkItemTimeline>(key, (current) =>
        current && Date.parse(current.item.updatedAt) <= Date.parse(item.updatedAt) ? { ...current, item } : current,
      );
      void queryClient.invalidateQueries({ queryKey: key });
    };
    socket.on('workItem:changed', onChanged);
    // After a reconnect, whatever was missed.
    const onReconnect = (): void => void queryClient.invalidateQueries({ queryKey: key });
    socket.io.on('reconnect', onReconnect);
    return () => {
      socket.off('workItem:changed', onChanged);
      socket.io.off('reconnect', onReconnect);
      release();
    };
  }, [id, queryClient]);
}
