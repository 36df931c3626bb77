import { useId, useState, type FormEvent } from 'react';
import { WEBHOOK_NAME_MAX, WEBHOOK_SECRET_MAX, WEBHOOK_SECRET_MIN, WEBHOOK_URL_MAX } from '@opsquest/contracts';
import type { CreatedWebhook, WEBHOOK_EVENT_TYPES as CONTRACT_EVENT_TYPES } from '@opsquest/contracts';
import { fieldErrorsOf, useCreateWebhook } from '../api/admin.queries';
import { isApiRequestError } from '../api/http';
import { AdminFieldError, describedBy } from './admin-field-error';
import { AdminSecretBox } from './admin-secret-box';

type WebhookEvent = (typeof CONTRACT_EVENT_TYPES)[number];

/** The contract's event types, typed against it without importing its zod schemas into the bundle. */
const WEBHOOK_EVENT_TYPES: readonly WebhookEvent[] = ['points.awarded', 'badge.earned', 'level.up', 'mission.completed'];

const EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  'points.awarded': 'Every points award',
  'badge.earned': 'Someone earns a badge',
  'level.up': 'Someone reaches a new level',
  'mission.completed': 'A person or team completes a mission',
};

/** Registers an award webhook and shows its signing secret once. */
export function AdminWebhookForm() {
  const create = useCreateWebhook();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['points.awarded']);
  const [secret, setSecret] = useState('');
  const [created, setCreated] = useState<CreatedWebhook | undefined>(undefined);
  const ids = {
    name: useId(),
    nameError: useId(),
    url: useId(),
    urlHint: useId(),
    urlError: useId(),
    eventsError: useId(),
    secret: useId(),
    secretHint: useId(),
    secretError: useId(),
  };
  const errors = fieldErrorsOf(create.error);
  const formError = create.isError && !isApiRequestError(create.error, 400) ? create.error.message : undefined;

  const toggle = (type: WebhookEvent, on: boolean): void => {
    setEvents((current) => (on ? WEBHOOK_EVENT_TYPES.filter((t) => t === type || current.includes(t)) : current.filter((t) => t !== type)));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setCreated(undefined);
    create.mutate(
      { name: name.trim(), url: url.trim(), events, ...(secret === '' ? {} : { secret }) },
      {
        onSuccess: (hook) => {
          setCreated(hook);
          setName('');
          setUrl('');
          setSecret('');
          setEvents(['points.awarded']);
        },
      },
    );
  };

  return (
    <div className="admin-form-wrap">
      <form className="form admin-form" onSubmit={onSubmit} noValidate aria-label="New award webhook" data-testid="webhook-form">
        <h3 className="admin-form__title">New award webhook</h3>
        <div className="field">
          <label className="field__label" htmlFor={ids.name}>
            Name
          </label>
          <input
            id={ids.name}
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. HR recognition"
            autoComplete="off"
            maxLength={WEBHOOK_NAME_MAX}
            required
            aria-invalid={errors.name !== undefined}
            aria-describedby={describedBy(errors.name !== undefined && ids.nameError)}
          />
          <AdminFieldError id={ids.nameError} message={errors.name} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.url}>
            URL
          </label>
          <input
            id={ids.url}
            name="url"
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://example.com/opsquest"
            autoComplete="off"
            maxLength={WEBHOOK_URL_MAX}
            required
            aria-invalid={errors.url !== undefined}
            aria-describedby={describedBy(ids.urlHint, errors.url !== undefined && ids.urlError)}
          />
          <p className="admin-hint" id={ids.urlHint}>
            http or https; OpsQuest POSTs signed JSON here.
          </p>
          <AdminFieldError id={ids.urlError} message={errors.url} />
        </div>
        <fieldset className="admin-choices" aria-describedby={describedBy(errors.events !== undefined && ids.eventsError)}>
          <legend className="field__label">Events</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="admin-choice">
              <input type="checkbox" name="events" value={type} checked={events.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
              <span className="admin-choice__text">
                <code className="admin-choice__name">{type}</code>
                <span className="admin-choice__hint">{EVENT_DESCRIPTIONS[type]}</span>
              </span>
            </label>
          ))}
          <AdminFieldError id={ids.eventsError} message={errors.events} />
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor={ids.secret}>
            Signing secret <span className="admin-muted">(optional)</span>
          </label>
          <input
            id={ids.secret}
            name="secret"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            minLength={WEBHOOK_SECRET_MIN}
            maxLength={WEBHOOK_SECRET_MAX}
            aria-invalid={errors.secret !== undefined}
            aria-describedby={describedBy(ids.secretHint, errors.secret !== undefined && ids.secretError)}
          />
          <p className="admin-hint" id={ids.secretHint}>
            {WEBHOOK_SECRET_MIN} to {WEBHOOK_SECRET_MAX} characters. Leave empty and OpsQuest generates one.
          </p>
          <AdminFieldError id={ids.secretError} message={errors.secret} />
        </div>
        {formError !== undefined && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        {create.isError && isApiRequestError(create.error, 400) && (
          <p className="visually-hidden" role="alert">
            The webhook was not created: check the highlighted fields.
          </p>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={create.isPending} data-pending={create.isPending ? '' : undefined}>
            Add webhook
          </button>
        </div>
      </form>
      {created && (
        <AdminSecretBox
          title={`Signing secret for “${created.name}”`}
          label="Signing secret"
          value={created.secret}
          lostHint="If it is lost, remove the webhook and add it again."
          onDismiss={() => setCreated(undefined)}
          testId="created-webhook"
        >
          <div className="admin-secret__note">
            <p>
              <strong>Verify each delivery:</strong> compute HMAC-SHA256 with this secret over <code>{'<X-OpsQuest-Timestamp>.<raw body>'}</code> and compare it, in
              constant time, with the <code>X-OpsQuest-Signature</code> header (<code>sha256=&lt;hex&gt;</code>). Reject old timestamps to stop replays.
            </p>
          </div>
        </AdminSecretBox>
      )}
    </div>
  );
}
