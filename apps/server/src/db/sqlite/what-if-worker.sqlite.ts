import { whatIfSums, type WhatIfSums } from '@opsquest/core';
import type { WhatIfWorkerInput } from '../../services/use-cases/what-if-threads';
import { openEventsReader } from './events.sqlite';

/**
 * Runs in a worker thread (see services/use-cases/what-if-threads.ts): reads the window through its own read-only
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
