import { useId, useState, type FormEvent } from 'react';
import { ALERTMANAGER_URL_MAX, MAX_ALERTMANAGER_URLS, type ApiKeyView } from '@opsquest/contracts';
import { Check } from 'lucide-react';
import { useSaveApiKeySettings } from '../api/api-key-settings.queries';
import { AdminFieldError, describedBy } from './admin-field-error';
import { AdminSeverityLabelRows } from './admin-severity-label-rows';
import { bodyOf, draftOf, settingsErrorsOf, type ApiKeySettingsDraft, type DraftBody } from './api-key-settings-draft';
import { Icon } from './icon';

interface AdminKeySettingsProps {
  apiKey: ApiKeyView;
  id: string;
  onClose: () => void;
}

/** Whether this key may send Alertmanager notifications (and so make OpsQuest fetch a truncated group). */
export function sendsAlertmanager(key: Pick<ApiKeyView, 'scopes'>): boolean {
  return key.scopes.includes('alertmanager:write');
}

/**
 * One key's settings: the Alertmanager URLs a truncated group may be fetched from (keys that send
 * Alertmanager notifications) and the sender's own severity labels. Validation is the server's;
 * its messages land next to the fields they name.
 */
export function AdminKeySettings({ apiKey, id, onClose }: AdminKeySettingsProps) {
  const save = useSaveApiKeySettings();
  const [draft, setDraft] = useState<ApiKeySettingsDraft>(() => draftOf(apiKey));
  /** what the last Save sent, and the rows it was made from: the server's messages are placed on these */
  const [sent, setSent] = useState<{ draft: ApiKeySettingsDraft; body: DraftBody } | undefined>(undefined);
  const [status, setStatus] = useState<{ saved: boolean; text: string }>({ saved: false, text: '' });
  const urlsId = useId();
  const urlsHintId = useId();
  const urlsErrorId = useId();
  const showUrls = sendsAlertmanager(apiKey);

  const pending = bodyOf(draft);
  const errors = sent === undefined ? { rows: new Map<number, string>() } : settingsErrorsOf(save.error, sent.draft, sent.body);
  const rowErrors = new Map([...pending.duplicates, ...errors.rows]);

  const edit = (next: ApiKeySettingsDraft): void => {
    setStatus({ saved: false, text: '' });
    setDraft(next);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (pending.duplicates.size > 0) {
      setStatus({ saved: false, text: 'Not saved: a label is on two rows.' });
      return;
    }
    setStatus({ saved: false, text: '' });
    // A key that sends no Alertmanager notifications keeps its URLs as they are.
    const body = { ...pending.body, alertmanagerUrls: showUrls ? pending.body.alertmanagerUrls : apiKey.alertmanagerUrls };
    setSent({ draft, body: { ...pending, body } });
    save.mutate(
      { id: apiKey.id, body },
      {
        onSuccess: (key) => {
          setDraft(draftOf(key));
          setStatus({ saved: true, text: 'Saved' });
        },
        onError: () => setStatus({ saved: false, text: 'Not saved: see the messages above.' }),
      },
    );
  };

  return (
    <form className="form admin-form admin-key-settings" id={id} onSubmit={onSubmit} noValidate aria-label={`Settings for ${apiKey.name}`} data-testid="key-settings">
      <h4 className="admin-form__title">Settings for “{apiKey.name}”</h4>
      {showUrls && (
        <div className="field">
          <label className="field__label" htmlFor={urlsId}>
            Alertmanager URLs
          </label>
          <p className="admin-hint" id={urlsHintId}>
            One per line: the externalURL of your Alertmanager, e.g. <code>http://alertmanager:9093</code>. When a notification of this key leaves
            alerts out (max_alerts), OpsQuest fetches the rest of the group from these Alertmanagers only.
          </p>
          <textarea
            id={urlsId}
            className="admin-input admin-key-settings__urls"
            value={draft.urls}
            onChange={(e) => edit({ ...draft, urls: e.target.value })}
            rows={Math.min(6, Math.max(2, draft.urls.split('\n').length + 1))}
            maxLength={MAX_ALERTMANAGER_URLS * (ALERTMANAGER_URL_MAX + 1)}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            aria-invalid={errors.urls !== undefined}
            aria-describedby={describedBy(urlsHintId, errors.urls !== undefined && urlsErrorId)}
          />
          <AdminFieldError id={urlsErrorId} message={errors.urls} />
        </div>
      )}
      <AdminSeverityLabelRows rows={draft.rows} errors={rowErrors} groupError={errors.labels} onChange={(rows) => edit({ ...draft, rows })} />
      {errors.form !== undefined && (
        <p className="form__error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="admin-key-settings__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending} data-pending={save.isPending ? '' : undefined}>
          Save
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Close
        </button>
        <p className={`admin-key-settings__status${status.saved ? ' admin-key-settings__status--saved' : ''}`} role="status" data-testid="key-settings-status">
          {status.saved && <Icon of={Check} className="icon--lead" />}
          {status.text}
        </p>
      </div>
    </form>
  );
}
