import { rooms, type LiveServer } from '../../socket/socket-server';
import type { IntegrationNoticesService, NoticesChange } from './integration-notices.service';

/**
 * The socket side of integration notices, registered in app.ts on the service's onChanged (which
 * calls it after the rows are written, once per turn of the event loop): each notice recorded or
 * resolved goes to the admins' room as `integration:notice`; when a truncation gap opened, grew or
 * closed, every open gap goes to the global room as `alarms:gaps` (what GET /api/alarms/gaps answers).
 * Nothing is encoded for a room nobody is in (on this node; with rooms spanning nodes, always sent).
 */
export function integrationNoticesFanOut(io: LiveServer, notices: IntegrationNoticesService, spansNodes = false): (change: NoticesChange) => Promise<void> {
  const heard = (room: string): boolean => spansNodes || (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  return async (change) => {
    if (heard(rooms.admins)) for (const notice of change.notices) io.to(rooms.admins).emit('integration:notice', { notice });
    if (change.gapsChanged && heard(rooms.global)) {
      const gaps = await notices.gaps();
      io.to(rooms.global).emit('alarms:gaps', { gaps });
    }
  };
}
