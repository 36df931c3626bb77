import { z } from 'zod';
import { BADGE_ICON_NAMES } from '@opsquest/core';

/**
 * Badge icons as the web app draws them: one name of a fixed set (the web app renders each as an SVG
 * icon). Written badges must use a name; views may still carry an emoji stored by an earlier version,
 * so readers map it with `badgeIconNameOf`.
 */
export { BADGE_ICON_NAMES, DEFAULT_BADGE_ICON, HIDDEN_BADGE_ICON, badgeIconNameOf, isBadgeIconName } from '@opsquest/core';
export type { BadgeIconName } from '@opsquest/core';

export const BADGE_ICON_ERROR = `Choose one of the badge icons: ${BADGE_ICON_NAMES.join(', ')}`;

/** The icon of a new badge (a proposal): a name of the set; emoji are no longer accepted. */
export const badgeIconSchema = z.enum(BADGE_ICON_NAMES, { error: BADGE_ICON_ERROR });
