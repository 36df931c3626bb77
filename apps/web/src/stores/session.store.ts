import { create } from 'zustand';
import type { MeView, Role, TeamRef } from '@opsquest/contracts';

/** Who is signed in: identity only. Points, level and badges live in the ['me'] query. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  team: TeamRef | null;
}

/** `checking`: we do not know yet (first GET /api/me in flight). */
type SessionStatus = 'checking' | 'signedIn' | 'signedOut';

/** Why the session ended: an expired session sends the user back to the page they were on. */
type SignOutReason = 'none' | 'expired' | 'loggedOut';

interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  signOutReason: SignOutReason;
  signIn: (me: MeView) => void;
  /** any 401: the cookie is missing or no longer valid */
  expire: () => void;
  logOut: () => void;
}

function sameUser(a: SessionUser | null, b: SessionUser): boolean {
  return (
    a !== null &&
    a.id === b.id &&
    a.username === b.username &&
    a.displayName === b.displayName &&
    a.role === b.role &&
    a.team?.id === b.team?.id &&
    a.team?.name === b.team?.name
  );
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  status: 'checking',
  user: null,
  signOutReason: 'none',
  signIn: (me) => {
    const user: SessionUser = { id: me.id, username: me.username, displayName: me.displayName, role: me.role, team: me.team };
    const current = get();
    // Keep the same object when nothing changed, so subscribers do not re-render on every refetch of ['me'].
    if (current.status === 'signedIn' && sameUser(current.user, user)) return;
    set({ status: 'signedIn', user, signOutReason: 'none' });
  },
  expire: () => {
    const { status } = get();
    if (status === 'signedOut') return;
    set({ status: 'signedOut', user: null, signOutReason: status === 'signedIn' ? 'expired' : 'none' });
  },
  logOut: () => set({ status: 'signedOut', user: null, signOutReason: 'loggedOut' }),
}));

/** The signed-in user, for components rendered behind <RequireSession>. */
export function useSignedInUser(): SessionUser {
  const user = useSessionStore((state) => state.user);
  if (!user) throw new Error('useSignedInUser() used outside a signed-in route');
  return user;
}
