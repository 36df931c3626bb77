/**
 * Badge icons: a fixed set of names, each drawn by the web app as one SVG icon (lucide), so a badge
 * looks the same on every machine whether or not it has a colour-emoji font.
 *
 * Badge definitions written before the set existed carry an emoji instead of a name; they stay in
 * old databases (rule sets, approved proposals), so readers go through `badgeIconNameOf`, which maps
 * the common emoji to a name and anything else to the default.
 */
export const BADGE_ICON_NAMES = [
  'award',
  'medal',
  'trophy',
  'star',
  'flame',
  'zap',
  'shield',
  'target',
  'siren',
  'wrench',
  'package',
  'truck',
  'clock',
  'moon',
  'cloud-lightning',
  'rocket',
  'handshake',
  'heart',
  'smile',
  'lock',
] as const;

export type BadgeIconName = (typeof BADGE_ICON_NAMES)[number];

/** The icon of a badge whose stored icon is neither a name nor a known emoji. */
export const DEFAULT_BADGE_ICON: BadgeIconName = 'award';

/** The icon of a hidden badge not yet earned (its real icon is withheld). */
export const HIDDEN_BADGE_ICON: BadgeIconName = 'lock';

const NAMES: ReadonlySet<string> = new Set(BADGE_ICON_NAMES);

export function isBadgeIconName(value: string): value is BadgeIconName {
  return NAMES.has(value);
}

/** Emoji that earlier versions stored as badge icons (written without variation selectors). */
export const LEGACY_BADGE_ICONS: Readonly<Record<string, BadgeIconName>> = {
  '🏅': 'medal',
  '🎖': 'medal',
  '🥇': 'medal',
  '🥈': 'medal',
  '🥉': 'medal',
  '🏆': 'trophy',
  '⭐': 'star',
  '🌟': 'star',
  '✨': 'star',
  '🔥': 'flame',
  '⚡': 'zap',
  '💥': 'zap',
  '🛡': 'shield',
  '🎯': 'target',
  '🚨': 'siren',
  '🔧': 'wrench',
  '🛠': 'wrench',
  '🔨': 'wrench',
  '📦': 'package',
  '🚚': 'truck',
  '🚛': 'truck',
  '🚐': 'truck',
  '⏰': 'clock',
  '⏱': 'clock',
  '⏳': 'clock',
  '⌛': 'clock',
  '🕐': 'clock',
  '🌙': 'moon',
  '🌛': 'moon',
  '🌜': 'moon',
  '🌃': 'moon',
  '🦉': 'moon',
  '⛈': 'cloud-lightning',
  '🌩': 'cloud-lightning',
  '🌪': 'cloud-lightning',
  '🚀': 'rocket',
  '🤝': 'handshake',
  '❤': 'heart',
  '💙': 'heart',
  '💚': 'heart',
  '💜': 'heart',
  '😊': 'smile',
  '🙂': 'smile',
  '😀': 'smile',
  '😄': 'smile',
  '🔒': 'lock',
  '🔐': 'lock',
  '❔': 'lock',
  '❓': 'lock',
};

/** Variation selectors, skin tones and joiners: "🛡️" and "🛡" are the same legacy icon. */
const EMOJI_MODIFIERS = /[\uFE0E\uFE0F\u200D]|\p{Emoji_Modifier}/gu;

/** The icon name to draw for a stored badge icon: a name as it is, a known emoji as its name, else the default. */
export function badgeIconNameOf(stored: string): BadgeIconName {
  const value = stored.trim();
  if (isBadgeIconName(value)) return value;
  const lower = value.toLowerCase();
  if (isBadgeIconName(lower)) return lower;
  return LEGACY_BADGE_ICONS[value.replace(EMOJI_MODIFIERS, '')] ?? DEFAULT_BADGE_ICON;
}
