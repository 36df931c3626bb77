import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@opsquest/contracts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * WebSocket straight away: no long-polling handshake (three requests, each a task on the main
 * thread) while the console renders its first screen. Where a proxy refuses WebSockets the client
 * falls back to long-polling on its own (`tryAllTransports`).
 */
export const LIVE_SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
  withCredentials: true,
  transports: ['websocket', 'polling'],
  tryAllTransports: true,
};

let shared: LiveSocket | undefined;
let holders = 0;

/**
 * One socket.io connection per tab (default path, same origin, authenticated by the session
 * cookie), shared by every hook that needs live events. Each borrower removes only its own
 * listeners with `socket.off(event, handler)` and calls `release()`; the last one closes it.
 */
export function acquireLiveSocket(): { socket: LiveSocket; release: () => void } {
  shared ??= io(LIVE_SOCKET_OPTIONS);
  const socket = shared;
  holders += 1;
  let released = false;
  return {
    socket,
    release: () => {
      if (released) return;
      released = true;
      holders -= 1;
      if (holders === 0 && shared === socket) {
        socket.disconnect();
        shared = undefined;
      }
    },
  };
}

/** A set of handlers for server events, added or removed together. */
export type LiveHandlers = Partial<{ [E in keyof ServerToClientEvents]: ServerToClientEvents[E] }>;

export function on(socket: LiveSocket, handlers: LiveHandlers): void {
  for (const event of Object.keys(handlers) as (keyof ServerToClientEvents)[]) {
    const handler = handlers[event];
    if (handler) socket.on(event, handler as ServerToClientEvents[typeof event]);
  }
}

export function off(socket: LiveSocket, handlers: LiveHandlers): void {
  for (const event of Object.keys(handlers) as (keyof ServerToClientEvents)[]) {
    const handler = handlers[event];
    if (handler) socket.off(event, handler as ServerToClientEvents[typeof event]);
  }
}
