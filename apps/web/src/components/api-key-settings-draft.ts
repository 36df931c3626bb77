import { isSeverity, type ApiKeySettingsBody, type ApiKeyView, type Severity } from '@opsquest/contracts';
import { isApiRequestError } from '../api/http';

/** One "label → severity" row of the editor; `id` only keys the row on screen. */
export interface SeverityLabelRow {
  id: number;
  label: string;
  severity: Severity;
}

/** What the settings editor holds while the admin types. */
export interface ApiKeySettingsDraft {
  /** Alertmanager URLs, one per line */
  urls: string;
  rows: SeverityLabelRow[];
}

let nextRowId = 1;

export function newSeverityRow(label = '', severity: Severity = 'major'): SeverityLabelRow {
  return { id: nextRowId++, label, severity };
}

export function draftOf(key: Pick<ApiKeyView, 'alertmanagerUrls' | 'severityMap'>): ApiKeySettingsDraft {
  return {
    urls: key.alertmanagerUrls.join('\n'),
    rows: Object.entries(key.severityMap).map(([label, severity]) => newSeverityRow(label, isSeverity(severity) ? severity : 'indeterminate')),
  };
}

/** How a label is sent and compared: trimmed, lower-cased (the server matches labels case-insensitively). */
export function normaliseLabel(label: string): string {
  return label.trim().toLowerCase();
}

export interface DraftBody {
  body: ApiKeySettingsBody;
  /** the editor's line number (1-based) of each URL sent, by its index in body.alertmanagerUrls */
  urlLines: number[];
  /** rows whose label is already on an earlier row: a map holds each label once, so these are not sent */
  duplicates: Map<number, string>;
}

/** The PUT body from the draft: blank lines and blank labels are left out. */
export function bodyOf(draft: ApiKeySettingsDraft): DraftBody {
  const urls: string[] = [];
  const urlLines: number[] = [];
  draft.urls.split('\n').forEach((line, index) => {
    const url = line.trim();
    if (url === '') return;
    urls.push(url);
    urlLines.push(index + 1);
  });
  // A Map, not an object literal: a label such as "__proto__" stays a label.
  const labels = new Map<string, Severity>();
  const duplicates = new Map<number, string>();
  for (const row of draft.rows) {
    const label = normaliseLabel(row.label);
    if (label === '') continue;
    if (labels.has(label)) duplicates.set(row.id, `“${label}” is already on a row above`);
    else labels.set(label, row.severity);
  }
  return { body: { alertmanagerUrls: urls, severityMap: Object.fromEntries(labels) }, urlLines, duplicates };
}

export interface SettingsErrors {
  urls?: string;
  /** messages by row id */
  rows: Map<number, string>;
  /** about the labels as a whole, or a label no row has */
  labels?: string;
  /** not about one field: a 404, a 403, no connection, ... */
  form?: string;
}

function add(current: string | undefined, message: string): string {
  return current === undefined ? message : `${current}; ${message}`;
}

/**
 * The server's answer, placed next to the fields it names: `body.alertmanagerUrls.2` goes under the
 * URLs with the line it came from, `body.severityMap.<label>` on that label's row.
 */
export function settingsErrorsOf(error: Error | null, draft: ApiKeySettingsDraft, sent: DraftBody): SettingsErrors {
  const errors: SettingsErrors = { rows: new Map() };
  if (error === null) return errors;
  if (!isApiRequestError(error, 400) || (error.body.fields ?? []).length === 0) {
    errors.form = error.message;
    return errors;
  }
  for (const { path, message } of error.body.fields ?? []) {
    const parts = path.split('.');
    if (parts[0] === 'body') parts.shift();
    const [field, ...rest] = parts;
    const tail = rest.join('.');
    if (field === 'alertmanagerUrls') {
      const index = Number(tail);
      const url = tail === '' || !Number.isInteger(index) ? undefined : sent.body.alertmanagerUrls[index];
      errors.urls = add(errors.urls, url === undefined ? message : `Line ${sent.urlLines[index] ?? index + 1} (${url}): ${message}`);
    } else if (field === 'severityMap') {
      const row = tail === '' ? undefined : draft.rows.find((r) => normaliseLabel(r.label) === tail);
      if (row) errors.rows.set(row.id, add(errors.rows.get(row.id), message));
      else errors.labels = add(errors.labels, tail === '' ? message : `“${tail}”: ${message}`);
    } else {
      errors.form = add(errors.form, `${path}: ${message}`);
    }
  }
  return errors;
}
