import type { Window } from '@opsquest/core';
import type { Scope } from '../services/ports/leaderboard-store';

/** A leaderboard a committed batch changed (its aggregates are in the store; the rank indexes of other nodes drop it). */
export interface ChangedBoard {
  scope: Scope;
  window: Window;
  period: string;
}

/**
 * What the nodes of a cluster tell each other through socket.io's adapter (serverSideEmit; on
 * PostgreSQL, @socket.io/postgres-adapter's NOTIFY). The reload hints carry no data, so one lost
 * while a node reconnects costs a stale read at most (the ingest path checks the rule-set version
 * itself on every batch); a live tick lost then is what a browser on another node misses, as when
 * its own socket reconnects (it reloads what it shows on reconnect).
 */
export interface InterServerEvents {
  /** a rule set was published: load the newest */
  'rules:changed': () => void;
  /** a co-created badge was approved: load the approved badges */
  'badges:changed': () => void;
  /** a batch committed on the sending node changed these boards */
  'boards:changed': (boards: ChangedBoard[]) => void;
  /** the rooms that have sockets on the sending node (all of them: a node's list replaces the last) */
  'rooms:heard': (node: string, rooms: string[]) => void;
  /** a node started: every node tells its rooms */
  'rooms:ask': () => void;
  /** one live tick of the sending node (packed-messages.ts): every node delivers it to its own sockets */
  'live:messages': (packed: string) => void;
}
