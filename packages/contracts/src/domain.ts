/**
 * The domain words the web app needs (severities, board windows, streams, levels, rule and mission
 * shapes), re-exported from the core so that the web app depends on the contracts only: it never
 * imports the scoring engine.
 */
export { isSeverity, SEVERITIES, SEVERITY_RANK, WINDOWS } from '@opsquest/core';
export type { LevelInfo, MissionAudience, MissionCriteria, MultiplierKind, RuleCap, Severity, Stream, StreakView, Window } from '@opsquest/core';
