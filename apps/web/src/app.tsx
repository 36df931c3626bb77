import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/app-shell';
import { LoadingState } from './components/query-states';
import { RequireSession } from './components/require-session';
import { ToastViewport } from './components/toast-viewport';
import { HomeRoute } from './components/home-route';
import { ConsolePage } from './pages/console.page';
import { LoginPage } from './pages/login.page';

// Only the console and login are in the first download; every other page loads on its own route
// (the lead's trend charts with recharts among them).
const DashboardPage = lazy(() => import('./pages/dashboard.page').then((m) => ({ default: m.DashboardPage })));
const AdminPage = lazy(() => import('./pages/admin.page').then((m) => ({ default: m.AdminPage })));
const AlarmDetailPage = lazy(() => import('./pages/alarm-detail.page').then((m) => ({ default: m.AlarmDetailPage })));
const MissionsPage = lazy(() => import('./pages/missions.page').then((m) => ({ default: m.MissionsPage })));
const LeaderboardPage = lazy(() => import('./pages/leaderboard.page').then((m) => ({ default: m.LeaderboardPage })));
const PersonPage = lazy(() => import('./pages/person.page').then((m) => ({ default: m.PersonPage })));
const RulesPage = lazy(() => import('./pages/rules.page').then((m) => ({ default: m.RulesPage })));
const PlannedWorkPage = lazy(() => import('./pages/planned-work.page').then((m) => ({ default: m.PlannedWorkPage })));
const ProfilePage = lazy(() => import('./pages/profile.page').then((m) => ({ default: m.ProfilePage })));
const WallPage = lazy(() => import('./pages/wall.page').then((m) => ({ default: m.WallPage })));
const HealthPage = lazy(() => import('./pages/health.page').then((m) => ({ default: m.HealthPage })));
const CustomersPage = lazy(() => import('./pages/customers.page').then((m) => ({ default: m.CustomersPage })));

function Lazy({ children, label }: { children: ReactNode; label: string }) {
  return <Suspense fallback={<LoadingState label={label} />}>{children}</Suspense>;
}

export function App() {
  return (
    <>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireSession />}>
          <Route
            path="wall"
            element={
              <Lazy label="Loading the wall">
                <WallPage />
              </Lazy>
            }
          />
          <Route element={<AppShell />}>
            <Route index element={<HomeRoute />} />
            <Route path="console" element={<ConsolePage />} />
            <Route
              path="alarms/:id"
              element={
                <Lazy label="Loading the alarm">
                  <AlarmDetailPage />
                </Lazy>
              }
            />
            <Route
              path="missions"
              element={
                <Lazy label="Loading missions">
                  <MissionsPage />
                </Lazy>
              }
            />
            <Route
              path="leaderboard"
              element={
                <Lazy label="Loading the leaderboard">
                  <LeaderboardPage />
                </Lazy>
              }
            />
            <Route
              path="profile"
              element={
                <Lazy label="Loading your profile">
                  <ProfilePage />
                </Lazy>
              }
            />
            <Route
              path="dashboard"
              element={
                <Lazy label="Loading the dashboard">
                  <DashboardPage />
                </Lazy>
              }
            />
            <Route
              path="network"
              element={
                <Lazy label="Loading network health">
                  <HealthPage />
                </Lazy>
              }
            />
            <Route
              path="network/customers"
              element={
                <Lazy label="Loading repeat customers">
                  <CustomersPage />
                </Lazy>
              }
            />
            <Route
              path="admin"
              element={
                <Lazy label="Loading the admin page">
                  <AdminPage />
                </Lazy>
              }
            />
            <Route
              path="planned-work"
              element={
                <Lazy label="Loading planned work">
                  <PlannedWorkPage />
                </Lazy>
              }
            />
            <Route
              path="rules"
              element={
                <Lazy label="Loading the scoring rules">
                  <RulesPage />
                </Lazy>
              }
            />
            <Route
              path="people/:id"
              element={
                <Lazy label="Loading the person">
                  <PersonPage />
                </Lazy>
              }
            />
          </Route>
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
      <ToastViewport />
    </>
  );
}
