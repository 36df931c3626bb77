import type { LucideIcon } from 'lucide-react';
import '../styles/icons.css';

interface IconProps {
  /** a named lucide icon, e.g. `TriangleAlert` */
  of: LucideIcon;
  /** pixels, or a CSS length; 1em (the default) follows the text beside it */
  size?: number | string;
  className?: string;
}

/**
 * A decorative SVG icon beside words that say the same thing: hidden from assistive technology and
 * never focusable. Drawn with the text colour, so it looks the same with or without emoji fonts.
 */
export function Icon({ of: Svg, size = '1em', className }: IconProps) {
  return <Svg aria-hidden="true" focusable="false" size={size} className={className === undefined ? 'icon' : `icon ${className}`} />;
}
