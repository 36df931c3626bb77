/**
 * What the live indicator says, from two facts that fail separately: whether the browser has a
 * network at all (online/offline events) and what the socket.io connection is doing. Pure: the store
 * keeps the state, this decides the next one.
 */

/** What the socket.io connection is doing, as its events tell. */
export type SocketStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** What the person is told: never `live` while the browser says it has no network. */
export type LiveStatus = SocketStatus;

export interface LiveState {
  socketStatus: SocketStatus;
  browserOnline: boolean;
  /** socket.io's reconnection attempt (1, 2, …) while reconnecting; 0 otherwise */
  reconnectAttempt: number;
  liveStatus: LiveStatus;
  /** when live updates stopped (epoch ms): the last moment they were live, or when the page started */
  notLiveSince: number;
  /** live at least once since the page opened: then what is on screen was current at `notLiveSince` */
  everLive: boolean;
}

export function deriveLiveStatus(socketStatus: SocketStatus, browserOnline: boolean): LiveStatus {
  return browserOnline ? socketStatus : 'offline';
}

export function initialLiveState(browserOnline: boolean, now: number): LiveState {
  return { socketStatus: 'connecting', browserOnline, reconnectAttempt: 0, liveStatus: deriveLiveStatus('connecting', browserOnline), notLiveSince: now, everLive: false };
}

/** The state after one of the two facts changed; `notLiveSince` moves only when live updates stop. */
export function nextLiveState(previous: LiveState, change: Partial<Pick<LiveState, 'socketStatus' | 'browserOnline' | 'reconnectAttempt'>>, now: number): LiveState {
  const socketStatus = change.socketStatus ?? previous.socketStatus;
  const browserOnline = change.browserOnline ?? previous.browserOnline;
  const reconnectAttempt = socketStatus === 'reconnecting' ? (change.reconnectAttempt ?? previous.reconnectAttempt) : 0;
  const liveStatus = deriveLiveStatus(socketStatus, browserOnline);
  const stopped = previous.liveStatus === 'live' && liveStatus !== 'live';
  return {
    socketStatus,
    browserOnline,
    reconnectAttempt,
    liveStatus,
    notLiveSince: stopped ? now : previous.notLiveSince,
    everLive: previous.everLive || liveStatus === 'live',
  };
}
