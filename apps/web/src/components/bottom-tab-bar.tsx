import { useEffect, useId, useRef, useState } from 'react';
import { Ellipsis } from 'lucide-react';
import { NavLink, useLocation } from 'react-router';
import { splitTabs, type NavDestination } from './nav-destinations';

interface BottomTabBarProps {
  destinations: readonly NavDestination[];
}

const tabClass = ({ isActive }: { isActive: boolean }): string => `tabbar__tab${isActive ? ' tabbar__tab--active' : ''}`;

function isAt(pathname: string, destination: NavDestination): boolean {
  return destination.end === true ? pathname === destination.to : pathname === destination.to || pathname.startsWith(`${destination.to}/`);
}

/**
 * The phone's navigation (CSS shows it at 640 px and below): at most five tabs with an icon and a word;
 * what does not fit sits under "More", so every place stays a thumb away.
 */
export function BottomTabBar({ destinations }: BottomTabBarProps) {
  const { tabs, more } = splitTabs(destinations);
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const moreRef = useRef<HTMLLIElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inMore = more.some((d) => isAt(pathname, d));

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent): void => {
      if (event.target instanceof Node && moreRef.current?.contains(event.target) !== true) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <nav className="tabbar" aria-label="Main" data-testid="tab-bar">
      <ul className="tabbar__list">
        {tabs.map(({ to, shortLabel, icon: Icon, end }) => (
          <li key={to} className="tabbar__item">
            <NavLink to={to} end={end} className={tabClass} onClick={() => setOpen(false)}>
              <Icon aria-hidden="true" focusable="false" size={20} />
              <span className="tabbar__label">{shortLabel}</span>
            </NavLink>
          </li>
        ))}
        {more.length > 0 && (
          <li className="tabbar__item tabbar__more" ref={moreRef}>
            <button
              ref={buttonRef}
              type="button"
              className={`tabbar__tab${inMore ? ' tabbar__tab--active' : ''}`}
              aria-expanded={open}
              aria-controls={menuId}
              onClick={() => setOpen((was) => !was)}
              data-testid="tab-more"
            >
              <Ellipsis aria-hidden="true" focusable="false" size={20} />
              <span className="tabbar__label">More</span>
            </button>
            <ul className="tabbar__sheet" id={menuId} hidden={!open} data-testid="tab-more-sheet">
              {more.map(({ to, label, icon: Icon, end }) => (
                <li key={to}>
                  <NavLink
                    to={to}
                    end={end}
                    className={({ isActive }) => `tabbar__sheet-link${isActive ? ' tabbar__sheet-link--active' : ''}`}
                    onClick={() => setOpen(false)}
                  >
                    <Icon aria-hidden="true" focusable="false" size={18} />
                    {label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </li>
        )}
      </ul>
    </nav>
  );
}
