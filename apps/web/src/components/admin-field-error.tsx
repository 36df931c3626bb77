import { TriangleAlert } from 'lucide-react';
import { Icon } from './icon';

/** A server's message for one form field, shown under it and named by the field's aria-describedby. */
export function AdminFieldError({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p id={id} className="admin-field-error" data-testid="field-error">
      <Icon of={TriangleAlert} />{' '}
      {message}
    </p>
  );
}

/** aria-describedby from the ids that apply (hint, error), or undefined when none. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length === 0 ? undefined : present.join(' ');
}
