import type { Window } from '@opsquest/core';
import type { LiveMessage } from '../services/live/live.types';
import type { Scope } from '../services/ports/leaderboard-store';

/** A leaderboard a committed batch changed (its aggregates are in the store; the rank indexes of other nodes drop it). */
export interface ChangedBoard {
  scope: Scope;
  window: Window;
  period: string;
}

/**
 * What the nodes of a cluster tell each other through socket.io's adapter (serverSideEmit; on
 * PostgreSQL, @socket.io/postgres-adapter's NOTIFY). Each is a hint to reload from the store, never
 * the data itself, so a message lost while a node reconnects costs a stale read at most: the ingest
 * path checks the rule-set version itself on every batch.
 */
export interface InterServerEvents {
  /** a rule set was published: load the newest */
  'rules:changed': () => void;
  /** a co-created badge was approved: load the approved badges */
  'badges:changed': () => void;
  /** a batch committed on the sending node changed these boards */
  'boards:changed': (boards: ChangedBoard[]) => void;
  /** one live tick of the sending node: every node delivers it to its own sockets */
  'live:messages': (messages: LiveMessage[]) => void;
}
