import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/me.queries';
import { useSessionStore } from '../stores/session.store';
import { ErrorState, LoadingState } from './query-states';

export interface LoginLocationState {
  /** where to go back to after signing in */
  from?: string;
}

/**
 * Signed-in routes only. While GET /api/me settles the session show a spinner (or why it failed);
 * without a session go to /login, remembering the page unless the user logged out on purpose.
 */
export function RequireSession() {
  const status = useSessionStore((state) => state.status);
  const reason = useSessionStore((state) => state.signOutReason);
  const location = useLocation();
  const me = useMe(status !== 'signedOut');

  if (status === 'checking') {
    return (
      <div className="splash">
        {me.isError ? (
          <ErrorState title="Could not reach OpsQuest" error={me.error} onRetry={() => void me.refetch()} />
        ) : (
          <LoadingState label="Checking your session…" />
        )}
      </div>
    );
  }
  if (status === 'signedOut') {
    const state: LoginLocationState = reason === 'loggedOut' ? {} : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}
