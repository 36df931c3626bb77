import { badgeIconOf } from '../lib/badge-icons';
import { Icon } from './icon';

/**
 * A badge's icon as SVG, from its stored icon name (or an emoji an earlier version stored). Decorative:
 * the badge's name is always written beside it.
 */
export function BadgeIcon({ icon, size, className }: { icon: string; size?: number | string; className?: string }) {
  const { name, svg } = badgeIconOf(icon);
  return <Icon of={svg} size={size} className={`badge-icon badge-icon--${name}${className === undefined ? '' : ` ${className}`}`} />;
}
