import { useId, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Hexagon, TriangleAlert } from 'lucide-react';
import { PASSWORD_MAX, USERNAME_MAX } from '@opsquest/contracts';
import { useLogin } from '../api/auth.queries';
import { isApiRequestError } from '../api/http';
import { useSessionCheck } from '../api/me.queries';
import type { LoginLocationState } from '../components/require-session';
import { landingPathFor } from '../lib/landing-path';
import { useSessionStore } from '../stores/session.store';
import { Icon } from '../components/icon';

function fromOf(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('from' in state)) return undefined;
  const { from } = state as LoginLocationState;
  // Same-app paths only.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : undefined;
}

function loginErrorText(error: Error): string {
  if (isApiRequestError(error, 401)) return 'Wrong username or password.';
  if (isApiRequestError(error, 429)) return error.message || 'Too many attempts. Wait a minute and try again.';
  return error.message;
}

export function LoginPage() {
  const status = useSessionStore((state) => state.status);
  const user = useSessionStore((state) => state.user);
  const reason = useSessionStore((state) => state.signOutReason);
  const location = useLocation();
  const login = useLogin();
  // Someone with a live session who opens /login goes straight in.
  useSessionCheck(status === 'checking');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | undefined>(undefined);
  const usernameId = useId();
  const passwordId = useId();
  const errorId = useId();
  const hintId = useId();

  if (status === 'signedIn' && user) return <Navigate to={fromOf(location.state) ?? landingPathFor(user.role)} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const name = username.trim();
    if (name === '' || password === '') {
      setMissing(name === '' ? 'Enter your username.' : 'Enter your password.');
      return;
    }
    setMissing(undefined);
    login.mutate({ username: name, password });
  };

  const error = missing ?? (login.isError ? loginErrorText(login.error) : undefined);

  return (
    <main className="login" id="main">
      <title>Sign in · OpsQuest</title>
      <div className="login__card">
        <p className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            <Icon of={Hexagon} />
          </span>
          OpsQuest
        </p>
        <h1 className="login__title">Sign in</h1>
        <p className="login__lead">Work the queue, earn points, keep your streak.</p>
        {reason === 'expired' && !error && (
          <p className="notice" role="status">
            Your session ended. Sign in again to continue where you were.
          </p>
        )}
        <form className="form" onSubmit={onSubmit} noValidate aria-describedby={hintId}>
          <label className="field" htmlFor={usernameId}>
            <span className="field__label">Username</span>
            <input
              id={usernameId}
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={USERNAME_MAX}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={error !== undefined && (missing === undefined || username.trim() === '')}
              aria-describedby={error ? errorId : undefined}
              required
            />
          </label>
          <label className="field" htmlFor={passwordId}>
            <span className="field__label">Password</span>
            <input
              id={passwordId}
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={PASSWORD_MAX}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error !== undefined && (missing === undefined || password === '')}
              aria-describedby={error ? errorId : undefined}
              required
            />
          </label>
          {error !== undefined && (
            <p className="form__error" id={errorId} role="alert" data-testid="login-error">
              <Icon of={TriangleAlert} />{' '}
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="login__hint" id={hintId}>
          demo logins: engineer1 / technician1 / lead1 / admin1, password opsquest-demo
        </p>
      </div>
    </main>
  );
}
