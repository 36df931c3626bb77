import { ArrowBigUp, HandHeart, Medal, RotateCcw, Star, Target, Wrench, type LucideIcon } from 'lucide-react';
import type { FeedItem } from '@opsquest/contracts';

/** The icon of each kind of feed line (the team feed and the wall show the same ones). */
export const FEED_ICONS: Readonly<Record<FeedItem['kind'], LucideIcon>> = {
  points: Star,
  badge: Medal,
  levelUp: ArrowBigUp,
  reversal: RotateCcw,
  work: Wrench,
  mission: Target,
  kudos: HandHeart,
};
