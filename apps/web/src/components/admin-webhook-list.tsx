import { useEffect, useId, useRef, useState } from 'react';
import type { WebhookView } from '@opsquest/contracts';
import { useRemoveWebhook } from '../api/admin.queries';
import { formatWhen } from '../lib/format';
import { AdminDeliveryLog } from './admin-delivery-log';

function WebhookItem({ hook }: { hook: WebhookView }) {
  const remove = useRemoveWebhook();
  const [confirming, setConfirming] = useState(false);
  const [logOpen, setLogOpen] = useState(false);
  const logId = useId();
  const removed = hook.revokedAt !== null;
  const removeRef = useRef<HTMLButtonElement>(null);
  const nameRef = useRef<HTMLHeadingElement>(null);
  const wasConfirming = useRef(false);

  // Leaving the confirm step returns focus to the item: its Remove button, or its name once removed.
  useEffect(() => {
    if (wasConfirming.current && !confirming) (removeRef.current ?? nameRef.current)?.focus();
    wasConfirming.current = confirming;
  }, [confirming, removed]);

  return (
    <li className={`admin-hook${removed ? ' admin-hook--removed' : ''}`} data-testid="webhook-item" data-id={hook.id}>
      <div className="admin-hook__head">
        <div className="admin-hook__main">
          <h4 className="admin-hook__name" ref={nameRef} tabIndex={-1}>
            {hook.name}
            {removed && <span className="tag tag--small">Removed</span>}
          </h4>
          <p className="admin-hook__url">
            <code>{hook.url}</code>
          </p>
          <ul className="admin-tags" aria-label="Events">
            {hook.events.map((type) => (
              <li key={type} className="tag">
                {type}
              </li>
            ))}
          </ul>
          <p className="admin-muted">
            Added <time dateTime={hook.createdAt}>{formatWhen(hook.createdAt)}</time>
          </p>
        </div>
        <div className="admin-hook__actions">
          <button type="button" className="button button--secondary button--small" aria-expanded={logOpen} aria-controls={logOpen ? logId : undefined} onClick={() => setLogOpen((open) => !open)}>
            {logOpen ? 'Hide delivery log' : 'Delivery log'}
          </button>
          {!removed && !confirming && (
            <button type="button" ref={removeRef} className="button button--secondary button--small" onClick={() => setConfirming(true)} aria-label={`Remove ${hook.name}`}>
              Remove
            </button>
          )}
        </div>
      </div>
      {confirming && !removed && (
        <div className="admin-confirm" role="group" aria-label={`Remove ${hook.name}?`}>
          <span className="admin-confirm__text">Remove “{hook.name}”? Its pending deliveries are not sent.</span>
          <button
            type="button"
            className="button button--danger button--small"
            onClick={() => remove.mutate(hook.id, { onSuccess: () => setConfirming(false) })}
            disabled={remove.isPending}
            data-pending={remove.isPending ? '' : undefined}
          >
            Remove now
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </button>
        </div>
      )}
      {remove.isError && (
        <p className="admin-field-error" role="alert">
          {remove.error.message}
        </p>
      )}
      {logOpen && <AdminDeliveryLog webhookId={hook.id} name={hook.name} id={logId} />}
    </li>
  );
}

/** Award webhooks with their delivery logs. */
export function AdminWebhookList({ webhooks }: { webhooks: WebhookView[] }) {
  return (
    <ul className="admin-hooks" aria-label="Award webhooks" data-testid="webhook-list">
      {webhooks.map((hook) => (
        <WebhookItem key={hook.id} hook={hook} />
      ))}
    </ul>
  );
}
