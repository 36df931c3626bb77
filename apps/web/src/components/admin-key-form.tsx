import { useId, useState, type FormEvent } from 'react';
import { API_KEY_NAME_MAX, type ApiKeyScope, type CreatedApiKey } from '@opsquest/contracts';
import { fieldErrorsOf, useCreateApiKey } from '../api/admin.queries';
import { isApiRequestError } from '../api/http';
import { AdminFieldError, describedBy } from './admin-field-error';
import { AdminSecretBox } from './admin-secret-box';

/**
 * What each integration key scope lets a caller do, in one line. Typed against the contract (a new
 * scope fails to compile here) without importing its zod schemas into the page's bundle.
 */
const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  'events:write': 'OpsQuest events API',
  'alertmanager:write': 'Prometheus Alertmanager webhook',
  'tmf642:write': 'TMF642 alarm API and hub',
  'tmf622:write': 'TMF622 order notifications',
  'workorder:write': 'Field work orders',
  'import:write': 'History import',
  'maintenance:write': 'Declare planned work (maintenance windows)',
  'metrics:read': 'Prometheus scrape of GET /metrics',
};
const API_KEY_SCOPES: readonly ApiKeyScope[] = ['events:write', 'alertmanager:write', 'tmf642:write', 'tmf622:write', 'workorder:write', 'import:write', 'maintenance:write', 'metrics:read'];

/** Creates an integration key and shows it once. Validation is the server's: its field messages land next to the fields. */
export function AdminKeyForm() {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const [created, setCreated] = useState<CreatedApiKey | undefined>(undefined);
  const nameId = useId();
  const nameErrorId = useId();
  const scopesErrorId = useId();
  const formErrorId = useId();
  const errors = fieldErrorsOf(create.error);
  const formError = create.isError && !isApiRequestError(create.error, 400) ? create.error.message : undefined;

  const toggle = (scope: ApiKeyScope, on: boolean): void => {
    setScopes((current) => (on ? API_KEY_SCOPES.filter((s) => s === scope || current.includes(s)) : current.filter((s) => s !== scope)));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setCreated(undefined);
    create.mutate(
      { name: name.trim(), scopes },
      {
        onSuccess: (key) => {
          setCreated(key);
          setName('');
          setScopes([]);
        },
      },
    );
  };

  return (
    <div className="admin-form-wrap">
      <form className="form admin-form" onSubmit={onSubmit} noValidate aria-label="New integration key" data-testid="key-form">
        <h3 className="admin-form__title">New integration key</h3>
        <div className="field">
          <label className="field__label" htmlFor={nameId}>
            Name
          </label>
          <input
            id={nameId}
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. NMS east"
            autoComplete="off"
            maxLength={API_KEY_NAME_MAX}
            required
            aria-invalid={errors.name !== undefined}
            aria-describedby={describedBy(errors.name !== undefined && nameErrorId)}
          />
          <AdminFieldError id={nameErrorId} message={errors.name} />
        </div>
        <fieldset className="admin-choices" aria-invalid={errors.scopes !== undefined} aria-describedby={describedBy(errors.scopes !== undefined && scopesErrorId)}>
          <legend className="field__label">Scopes</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="admin-choice">
              <input type="checkbox" name="scopes" value={scope} checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
              <span className="admin-choice__text">
                <code className="admin-choice__name">{scope}</code>
                <span className="admin-choice__hint">{SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
          <AdminFieldError id={scopesErrorId} message={errors.scopes} />
        </fieldset>
        {formError !== undefined && (
          <p className="form__error" role="alert" id={formErrorId}>
            {formError}
          </p>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={create.isPending} data-pending={create.isPending ? '' : undefined}>
            Create key
          </button>
        </div>
        {create.isError && isApiRequestError(create.error, 400) && (
          <p className="visually-hidden" role="alert">
            The key was not created: check the highlighted fields.
          </p>
        )}
      </form>
      {created && (
        <AdminSecretBox
          title={`Key for “${created.name}”`}
          label="API key"
          value={created.key}
          lostHint="OpsQuest keeps only a hash of it; if it is lost, revoke it and create a new one."
          onDismiss={() => setCreated(undefined)}
          testId="created-key"
        >
          <p className="admin-secret__note">
            Send it as <code>Authorization: Bearer {'<key>'}</code>. Scopes: {created.scopes.join(', ')}.
          </p>
        </AdminSecretBox>
      )}
    </div>
  );
}
