import type { Server as HttpServer } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { Server } from 'socket.io';
import { SESSION_COOKIE, type ClientToServerEvents, type ServerToClientEvents, type SocketData } from '@opsquest/contracts';
import type { AuthService } from '../services/use-cases/auth.service';
import { sha256 } from '../security/tokens';
import type { InterServerEvents } from './cluster-events';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const rooms = {
  person: (id: string) => `person:${id}`,
  team: (id: string) => `team:${id}`,
  global: 'global',
  /** leads and admins see every team's activity */
  allFeeds: 'feed:all',
  /** the lead(s) who review a team's held points */
  reviewers: (teamId: string) => `reviewers:${teamId}`,
  admins: 'admins',
  /** every socket of one login session, so logging out closes them */
  session: (tokenHash: string) => `session:${tokenHash}`,
} as const;

/**
 * socket.io with an authenticated handshake: the session cookie must name a live session.
 * Each socket joins its person room, its team room, the global room and its session's room;
 * leads also join feed:all and their team's reviewers room, admins feed:all and admins.
 */
export function createSocketServer(httpServer: HttpServer, auth: AuthService): LiveServer {
  const io: LiveServer = new Server(httpServer, { serveClient: false, cors: { origin: false } });
  io.use((socket, next) => {
    const header = socket.handshake.headers.cookie;
    const token = header ? parseCookie(header)[SESSION_COOKIE] : undefined;
    auth.principalForSession(token).then(
      (principal) => {
        if (!principal) {
          next(new Error('unauthorized'));
          return;
        }
        socket.data = { personId: principal.id, teamId: principal.teamId, role: principal.role, sessionHash: sha256(token ?? '') };
        next();
      },
      (err: unknown) => next(err instanceof Error ? err : new Error('session lookup failed')),
    );
  });
  io.on('connection', (socket) => {
    void socket.join(rooms.person(socket.data.personId));
    if (socket.data.teamId) void socket.join(rooms.team(socket.data.teamId));
    void socket.join(rooms.global);
    void socket.join(rooms.session(socket.data.sessionHash));
    if (socket.data.role === 'lead' || socket.data.role === 'admin') void socket.join(rooms.allFeeds);
    if (socket.data.role === 'lead' && socket.data.teamId) void socket.join(rooms.reviewers(socket.data.teamId));
    if (socket.data.role === 'admin') void socket.join(rooms.admins);
  });
  // A logged-out session's sockets are closed at once: they must not keep receiving private events.
  auth.onLogout((tokenHash) => io.in(rooms.session(tokenHash)).disconnectSockets(true));
  return io;
}
