/** Durations read the same on every screen and in every ledger reason: one function, in core. */
export { durationText } from '@opsquest/core';
