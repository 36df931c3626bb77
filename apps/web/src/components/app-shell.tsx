import { Hexagon, LogOut, Moon, Sun } from 'lucide-react';
import { NavLink, Outlet } from 'react-router';
import { useLogout } from '../api/auth.queries';
import { useLiveUpdates } from '../live/use-live-updates';
import { useSignedInUser } from '../stores/session.store';
import { useUiStore } from '../stores/ui.store';
import { BottomTabBar } from './bottom-tab-bar';
import { LiveIndicator } from './live-indicator';
import { destinationsFor } from './nav-destinations';
import { PendingUndoBar } from './pending-undo-bar';
import { ProfileSummary } from './profile-summary';

const navClass = ({ isActive }: { isActive: boolean }): string => `nav__link${isActive ? ' nav__link--active' : ''}`;

/**
 * Chrome around the signed-in pages: navigation (one row on a desktop, a tab bar at the bottom of a
 * phone), live status, theme, logout and my progress.
 */
export function AppShell() {
  useLiveUpdates();
  const user = useSignedInUser();
  const logout = useLogout();
  const theme = useUiStore((state) => state.theme);
  const toggleTheme = useUiStore((state) => state.toggleTheme);
  const destinations = destinationsFor(user.role);
  const ThemeIcon = theme === 'dark' ? Sun : Moon;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <Hexagon className="brand__mark" aria-hidden="true" focusable="false" size={22} strokeWidth={2.5} />
          <span className="brand__name">OpsQuest</span>
        </span>
        <nav className="nav" aria-label="Main" data-testid="top-nav">
          {destinations.map(({ to, label, icon: Icon, end }) => (
            <NavLink key={to} to={to} end={end} className={navClass}>
              <Icon className="nav__icon" aria-hidden="true" focusable="false" size={16} />
              <span className="nav__label">{label}</span>
            </NavLink>
          ))}
        </nav>
        <div className="topbar__tools">
          <LiveIndicator />
          <button
            type="button"
            className="button button--ghost button--small topbar__icon-button"
            onClick={toggleTheme}
            aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          >
            <ThemeIcon aria-hidden="true" focusable="false" size={16} />
          </button>
          <span className="topbar__user" aria-hidden="true">
            {user.displayName}
          </span>
          <button
            type="button"
            className="button button--secondary button--small topbar__logout"
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
            aria-label="Log out"
          >
            <LogOut aria-hidden="true" focusable="false" size={16} />
            <span className="topbar__logout-text">Log out</span>
          </button>
        </div>
      </header>
      <ProfileSummary />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <PendingUndoBar />
      <BottomTabBar destinations={destinations} />
    </div>
  );
}
