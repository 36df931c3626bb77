import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@opsquest/contracts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** socket.io on the default path, same origin, authenticated by the session cookie. */
export function connectLiveSocket(): LiveSocket {
  return io({ withCredentials: true });
}
