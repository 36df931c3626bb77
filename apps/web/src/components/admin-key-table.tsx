import { useEffect, useId, useRef, useState } from 'react';
import type { ApiKeyView } from '@opsquest/contracts';
import { Ban, CircleCheck } from 'lucide-react';
import { useRevokeApiKey } from '../api/admin.queries';
import { formatWhen } from '../lib/format';
import { AdminKeySettings } from './admin-key-settings';
import { Icon } from './icon';

const COLUMNS = 7;

/** "1 Alertmanager URL · 2 severity labels", or nothing when the key has no settings. */
function settingsSummary(key: ApiKeyView): string {
  const parts: string[] = [];
  const urls = key.alertmanagerUrls.length;
  const labels = Object.keys(key.severityMap).length;
  if (urls > 0) parts.push(`${urls} Alertmanager ${urls === 1 ? 'URL' : 'URLs'}`);
  if (labels > 0) parts.push(`${labels} severity ${labels === 1 ? 'label' : 'labels'}`);
  return parts.join(' · ');
}

function KeyRow({ apiKey }: { apiKey: ApiKeyView }) {
  const revoke = useRevokeApiKey();
  const [confirming, setConfirming] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsId = useId();
  const settingsRef = useRef<HTMLButtonElement>(null);
  const revoked = apiKey.revokedAt !== null;
  const summary = settingsSummary(apiKey);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const nameRef = useRef<HTMLTableCellElement>(null);
  const wasConfirming = useRef(false);

  // Leaving the confirm step returns focus to the row: the Revoke button, or the name once revoked.
  useEffect(() => {
    if (wasConfirming.current && !confirming) (revokeRef.current ?? nameRef.current)?.focus();
    wasConfirming.current = confirming;
  }, [confirming, revoked]);

  const closeSettings = (): void => {
    setSettingsOpen(false);
    settingsRef.current?.focus();
  };

  return (
    <>
      <tr className={`admin-table__row${revoked ? ' admin-table__row--revoked' : ''}`} data-testid="key-row" data-id={apiKey.id} data-status={revoked ? 'revoked' : 'active'}>
        <th scope="row" data-label="Name" ref={nameRef} tabIndex={-1}>
          {apiKey.name}
        </th>
        <td data-label="Key">
          {apiKey.prefix === '' ? <span className="admin-muted">from server config</span> : <code className="admin-prefix">oq_{apiKey.prefix}_…</code>}
        </td>
        <td data-label="Scopes">
          <div>
            <ul className="admin-tags" aria-label="Scopes">
              {apiKey.scopes.map((scope) => (
                <li key={scope} className="tag">
                  {scope}
                </li>
              ))}
            </ul>
            {summary !== '' && (
              <p className="admin-muted admin-key-summary" data-testid="key-settings-summary">
                {summary}
              </p>
            )}
          </div>
        </td>
        <td data-label="Created">
          <span>
            {apiKey.createdBy ?? 'unknown'}
            <br />
            <time className="admin-muted" dateTime={apiKey.createdAt}>
              {formatWhen(apiKey.createdAt)}
            </time>
          </span>
        </td>
        <td data-label="Last used" data-testid="key-last-used">
          {apiKey.lastUsedAt === null ? <span className="admin-muted">never</span> : <time dateTime={apiKey.lastUsedAt}>{formatWhen(apiKey.lastUsedAt)}</time>}
        </td>
        <td data-label="Status">
          {revoked ? (
            <span className="admin-status-cell">
              <span className="admin-status admin-status--revoked" data-testid="key-status">
                <Icon of={Ban} />
                Revoked
              </span>
              <time dateTime={apiKey.revokedAt ?? undefined} className="admin-muted admin-status-cell__when">
                {formatWhen(apiKey.revokedAt ?? '')}
              </time>
            </span>
          ) : (
            <span className="admin-status admin-status--active" data-testid="key-status">
              <Icon of={CircleCheck} />
              Active
            </span>
          )}
        </td>
        <td data-label="Actions" className="admin-table__actions">
          {!revoked && !confirming && (
            <button
              type="button"
              className="button button--secondary button--small"
              ref={settingsRef}
              onClick={() => setSettingsOpen((open) => !open)}
              aria-expanded={settingsOpen}
              aria-controls={settingsOpen ? settingsId : undefined}
              aria-label={`Settings for ${apiKey.name}`}
            >
              Settings
            </button>
          )}
          {revoked ? null : confirming ? (
            <div className="admin-confirm" role="group" aria-label={`Revoke ${apiKey.name}?`}>
              <span className="admin-confirm__text">Callers using it are refused at once.</span>
              <button
                type="button"
                className="button button--danger button--small"
                onClick={() => revoke.mutate(apiKey.id, { onSuccess: () => setConfirming(false) })}
                disabled={revoke.isPending}
                data-pending={revoke.isPending ? '' : undefined}
              >
                Revoke now
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)} autoFocus>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" className="button button--secondary button--small" ref={revokeRef} onClick={() => setConfirming(true)} aria-label={`Revoke ${apiKey.name}`}>
              Revoke
            </button>
          )}
          {revoke.isError && (
            <p className="admin-field-error" role="alert">
              {revoke.error.message}
            </p>
          )}
        </td>
      </tr>
      {settingsOpen && !revoked && (
        <tr className="admin-table__settings-row" data-testid="key-settings-row">
          <td colSpan={COLUMNS} className="admin-table__settings">
            <AdminKeySettings apiKey={apiKey} id={settingsId} onClose={closeSettings} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Integration keys, newest first as the server lists them; revoked keys stay listed, marked as such. */
export function AdminKeyTable({ keys }: { keys: ApiKeyView[] }) {
  return (
    <div className="table-scroll admin-table-scroll" tabIndex={0} role="region" aria-label="Integration keys">
      <table className="admin-table" data-testid="key-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <KeyRow key={key.id} apiKey={key} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
