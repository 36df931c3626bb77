import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/app-shell';
import { LoadingState } from './components/query-states';
import { RequireSession } from './components/require-session';
import { ToastViewport } from './components/toast-viewport';
import { AlarmDetailPage } from './pages/alarm-detail.page';
import { ConsolePage } from './pages/console.page';
import { LeaderboardPage } from './pages/leaderboard.page';
import { LoginPage } from './pages/login.page';
import { PersonPage } from './pages/person.page';
import { ProfilePage } from './pages/profile.page';
import { WallPage } from './pages/wall.page';
import { useUiStore } from './stores/ui.store';

// The lead's trend charts (recharts) load on their own route.
const DashboardPage = lazy(() => import('./pages/dashboard.page').then((m) => ({ default: m.DashboardPage })));

export function App() {
  const theme = useUiStore((state) => state.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireSession />}>
          <Route path="wall" element={<WallPage />} />
          <Route element={<AppShell />}>
            <Route index element={<ConsolePage />} />
            <Route path="alarms/:id" element={<AlarmDetailPage />} />
            <Route path="leaderboard" element={<LeaderboardPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route
              path="dashboard"
              element={
                <Suspense fallback={<LoadingState label="Loading the dashboard" />}>
                  <DashboardPage />
                </Suspense>
              }
            />
            <Route path="people/:id" element={<PersonPage />} />
          </Route>
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
      <ToastViewport />
    </>
  );
}
