/**
 * Limits of the fields people type into, shared by the API's schemas and the web's inputs
 * (maxLength, min, max), so a form never lets through what the server refuses. Lengths are
 * characters after trimming.
 */

/** POST /api/auth/login */
export const USERNAME_MAX = 64;
export const PASSWORD_MAX = 256;

/** POST /api/admin/api-keys */
export const API_KEY_NAME_MAX = 100;

/** POST /api/admin/webhooks */
export const WEBHOOK_NAME_MAX = 100;
export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_SECRET_MIN = 16;
export const WEBHOOK_SECRET_MAX = 200;

/** Missions (created or proposed) */
export const MISSION_TITLE_MAX = 120;
export const MISSION_DESCRIPTION_MAX = 500;
export const MISSION_TARGET_MAX = 1_000_000;

/** Proposed badges */
export const BADGE_NAME_MIN = 2;
export const BADGE_NAME_MAX = 60;
export const BADGE_DESCRIPTION_MAX = 300;
export const BADGE_THRESHOLD_MAX = 100_000;

/** A work note on an alarm, order or truck-roll */
export const WORK_NOTES_MAX = 2000;

/** A lead's or admin's manual points adjustment */
export const ADJUSTMENT_POINTS_MAX = 1000;
export const ADJUSTMENT_REASON_MIN = 3;
export const ADJUSTMENT_REASON_MAX = 280;

/** A lead's decision on a held award (release or reject) */
export const REVIEW_REASON_MIN = 3;
export const REVIEW_REASON_MAX = 280;

/** Why a rule set is published */
export const RULE_PUBLISH_REASON_MIN = 3;
export const RULE_PUBLISH_REASON_MAX = 280;

/** A lead's reason to approve or decline a proposed mission or badge */
export const PROPOSAL_DECISION_REASON_MAX = 500;

/** A source's own severity label mapped to an OpsQuest severity (integration settings) */
export const SEVERITY_LABEL_MAX = 40;
/** One Alertmanager URL of an API key's settings */
export const ALERTMANAGER_URL_MAX = 2000;

/** Planned work (maintenance windows) */
export const MAINTENANCE_TITLE_MIN = 3;
export const MAINTENANCE_TITLE_MAX = 120;
/** one region, site or element name */
export const MAINTENANCE_SCOPE_ENTRY_MAX = 100;
/** names per list (regions, sites, elements) */
export const MAINTENANCE_SCOPE_ENTRIES_MAX = 50;
export const MAINTENANCE_WINDOW_DAYS_MAX = 14;
/** the sender's change or ticket id */
export const MAINTENANCE_REFERENCE_MAX = 100;

/** The most points a mission may reward, and a proposed badge may add as its bonus (the core's rules). */
export { MAX_BADGE_BONUS, MAX_MISSION_REWARD } from '@opsquest/core';
