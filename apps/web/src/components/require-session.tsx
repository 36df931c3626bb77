import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe, useSessionCheck } from '../api/me.queries';
import { useSessionStore } from '../stores/session.store';
import { ErrorState, LoadingState } from './query-states';

export interface LoginLocationState {
  /** where to go back to after signing in */
  from?: string;
}

/**
 * Signed-in routes only. While the session check settles the session show a spinner (or why it
 * failed); without a session go to /login, remembering the page unless the user logged out on
 * purpose. Signed in, ['me'] stays watched: a 401 there ends the session.
 */
export function RequireSession() {
  const status = useSessionStore((state) => state.status);
  const reason = useSessionStore((state) => state.signOutReason);
  const location = useLocation();
  const check = useSessionCheck(status === 'checking');
  useMe(status === 'signedIn');

  if (status === 'checking') {
    return (
      <div className="splash">
        {check.isError ? (
          <ErrorState title="Could not reach OpsQuest" error={check.error} onRetry={() => void check.refetch()} />
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
