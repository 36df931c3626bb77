import { NavLink, Outlet } from 'react-router';
import { useLogout } from '../api/auth.queries';
import { useLiveUpdates } from '../live/use-live-updates';
import { useSignedInUser } from '../stores/session.store';
import { useUiStore } from '../stores/ui.store';
import { LiveIndicator } from './live-indicator';
import { PendingUndoBar } from './pending-undo-bar';
import { ProfileSummary } from './profile-summary';

/** Chrome around the signed-in pages: navigation, live status, theme, logout and my progress. */
export function AppShell() {
  useLiveUpdates();
  const user = useSignedInUser();
  const logout = useLogout();
  const theme = useUiStore((state) => state.theme);
  const toggleTheme = useUiStore((state) => state.toggleTheme);
  const navClass = ({ isActive }: { isActive: boolean }): string => `nav__link${isActive ? ' nav__link--active' : ''}`;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true">
            ⬡
          </span>
          OpsQuest
        </span>
        <nav className="nav" aria-label="Main">
          <NavLink to="/" end className={navClass}>
            My console
          </NavLink>
          <NavLink to="/leaderboard" className={navClass}>
            Leaderboard
          </NavLink>
          <NavLink to="/missions" className={navClass}>
            Missions
          </NavLink>
          {(user.role === 'lead' || user.role === 'admin') && (
            <NavLink to="/dashboard" className={navClass}>
              Dashboard
            </NavLink>
          )}
          {(user.role === 'lead' || user.role === 'admin') && (
            <NavLink to="/rules" className={navClass}>
              Rules
            </NavLink>
          )}
          <NavLink to="/profile" className={navClass}>
            Profile
          </NavLink>
          {user.role !== 'technician' && (
            <NavLink to="/wall" className={navClass}>
              Wall
            </NavLink>
          )}
          {user.role === 'admin' && (
            <NavLink to="/admin" className={navClass}>
              Admin
            </NavLink>
          )}
        </nav>
        <div className="topbar__tools">
          <LiveIndicator />
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={toggleTheme}
            aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          >
            <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
          </button>
          <span className="topbar__user" aria-hidden="true">
            {user.displayName}
          </span>
          <button type="button" className="button button--secondary button--small" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Log out
          </button>
        </div>
      </header>
      <ProfileSummary />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <PendingUndoBar />
    </div>
  );
}
