import { whatIfSums, type EngineConfig, type PersonRef, type WhatIfSums } from '@opsquest/core';
import { openEventsReader } from '../../repositories/events.repository';

/** What a what-if worker replays: the same window of the same log the request thread replays. */
export interface WhatIfWorkerInput {
  dbPath: string;
  from: number;
  throughSeq: number;
  people: PersonRef[];
  config: EngineConfig;
}

/**
 * Runs in a worker thread (see what-if-threads.ts): reads the window through its own read-only
 * connection, a page at a time, replays it under `config` and returns only the sums.
 */
export function replayWindowSums(input: WhatIfWorkerInput): WhatIfSums {
  const reader = openEventsReader(input.dbPath);
  try {
    return whatIfSums(reader.events.iterateSince(input.from, input.throughSeq), input.people, input.config);
  } finally {
    reader.close();
  }
}
