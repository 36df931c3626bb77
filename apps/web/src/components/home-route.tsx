import { Navigate } from 'react-router';
import { landingPathFor } from '../lib/landing-path';
import { ConsolePage } from '../pages/console.page';
import { useSignedInUser } from '../stores/session.store';

/** "/": the console for engineers and technicians; leads and admins go on to the dashboard (the console stays at /console). */
export function HomeRoute() {
  const user = useSignedInUser();
  const landing = landingPathFor(user.role);
  return landing === '/' ? <ConsolePage /> : <Navigate to={landing} replace />;
}
