import {
  Award,
  Clock,
  CloudLightning,
  Flame,
  Handshake,
  Heart,
  Lock,
  Medal,
  Moon,
  Package,
  Rocket,
  Shield,
  Siren,
  Smile,
  Star,
  Target,
  Trophy,
  Truck,
  Wrench,
  Zap,
  type LucideIcon,
} from 'lucide-react';
import { BADGE_ICON_NAMES, badgeIconNameOf, type BadgeIconName } from '@opsquest/contracts';

/** How each badge icon name is drawn, and what it is called (the icon picker reads the name out). */
export const BADGE_ICONS: Readonly<Record<BadgeIconName, { svg: LucideIcon; label: string }>> = {
  award: { svg: Award, label: 'Award ribbon' },
  medal: { svg: Medal, label: 'Medal' },
  trophy: { svg: Trophy, label: 'Trophy' },
  star: { svg: Star, label: 'Star' },
  flame: { svg: Flame, label: 'Flame' },
  zap: { svg: Zap, label: 'Lightning bolt' },
  shield: { svg: Shield, label: 'Shield' },
  target: { svg: Target, label: 'Target' },
  siren: { svg: Siren, label: 'Siren' },
  wrench: { svg: Wrench, label: 'Wrench' },
  package: { svg: Package, label: 'Package' },
  truck: { svg: Truck, label: 'Truck' },
  clock: { svg: Clock, label: 'Clock' },
  moon: { svg: Moon, label: 'Moon' },
  'cloud-lightning': { svg: CloudLightning, label: 'Storm cloud' },
  rocket: { svg: Rocket, label: 'Rocket' },
  handshake: { svg: Handshake, label: 'Handshake' },
  heart: { svg: Heart, label: 'Heart' },
  smile: { svg: Smile, label: 'Smile' },
  lock: { svg: Lock, label: 'Padlock' },
};

/** The icons a proposer may choose from, in the order the picker shows them. */
export const BADGE_ICON_CHOICES: readonly BadgeIconName[] = BADGE_ICON_NAMES;

/** The drawing of a stored badge icon: a name, or an emoji from an earlier version (unknown ones: the award). */
export function badgeIconOf(stored: string): { name: BadgeIconName; svg: LucideIcon; label: string } {
  const name = badgeIconNameOf(stored);
  return { name, ...BADGE_ICONS[name] };
}
