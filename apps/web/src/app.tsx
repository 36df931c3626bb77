import { useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/app-shell';
import { RequireSession } from './components/require-session';
import { ToastViewport } from './components/toast-viewport';
import { ConsolePage } from './pages/console.page';
import { LeaderboardPage } from './pages/leaderboard.page';
import { LoginPage } from './pages/login.page';
import { useUiStore } from './stores/ui.store';

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
          <Route element={<AppShell />}>
            <Route index element={<ConsolePage />} />
            <Route path="leaderboard" element={<LeaderboardPage />} />
          </Route>
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
      <ToastViewport />
    </>
  );
}
