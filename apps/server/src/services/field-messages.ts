/**
 * Field messages in plain words, for every 400 that names fields: the HTTP layer's schema checks
 * and the use cases' own checks (a mission's dates, say) read alike: "Ends at must be after startsAt."
 */

/** Words that read better in capitals inside a field's name. */
const ACRONYMS: Record<string, string> = { id: 'ID', ids: 'IDs', url: 'URL', urls: 'URLs', api: 'API', sla: 'SLA', ip: 'IP', csat: 'CSAT', tmf: 'TMF' };

const WHERE_LABEL: Record<string, string> = { body: 'The request body', query: 'The query string', params: 'The path', headers: 'The headers' };

/** `occurredAt` -> `occurred at`, `idempotency-key` -> `idempotency key`, `personIds` -> `person IDs`. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((w) => w !== '')
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The field a person would name: the last key of the path in words ("Occurred at"), with the
 * position in a list when there is one ("Occurred at (item 3)"). An empty path is the whole part
 * of the request (`where`).
 */
export function fieldLabel(path: readonly PropertyKey[], where = 'body'): string {
  const keys = path.filter((p): p is string => typeof p === 'string' && !/^\d+$/.test(p));
  const indexes = path.map((p) => (typeof p === 'number' ? p : typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : undefined)).filter((p) => p !== undefined);
  const last = keys[keys.length - 1];
  const name = last === undefined ? (indexes.length > 0 ? 'Item' : (WHERE_LABEL[where] ?? 'The request')) : capitalised(words(last).join(' '));
  const index = indexes[indexes.length - 1];
  return index === undefined ? name : last === undefined ? `${name} ${index + 1}` : `${name} (item ${index + 1})`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A schema author's fragment ("must be an http(s) URL", "Required without a templateId") as a sentence about the field. */
export function authorMessage(label: string, message: string): string {
  if (/^required\b/i.test(message)) return sentence(`${label} is required${message.slice('required'.length)}`);
  if (/^(must|is|are|should|may|cannot|can't|needs?|has|have)\b/.test(message)) return sentence(`${label} ${message}`);
  if (/^an? /.test(message)) return sentence(`${label} must be ${message}`);
  if (/^[A-Z]/.test(message)) return sentence(message);
  return sentence(`${label}: ${message}`);
}

/**
 * A message a use case wrote for one field ("endsAt: must be after startsAt" split into its path
 * `body.endsAt` and fragment) as a sentence naming the field: "Ends at must be after startsAt.".
 */
export function plainFieldMessage(path: string, message: string): string {
  const [where = 'body', ...rest] = path.split('.');
  return authorMessage(fieldLabel(rest, where), message);
}

/** How many fields a summary names; the 400's `fields` has them all. */
const SUMMARY_FIELDS = 5;

/** The fields' messages, each with its path, as the 400's one-line message: "Name must be at most 100 characters (body.name)." */
export function fieldsSummary(fields: readonly { path: string; message: string }[]): string {
  const more = fields.length - SUMMARY_FIELDS;
  return [
    ...fields.slice(0, SUMMARY_FIELDS).map((f) => `${f.message.replace(/\.$/, '')} (${f.path}).`),
    ...(more > 0 ? [`${more} more ${more === 1 ? 'field is' : 'fields are'} not valid.`] : []),
  ].join(' ');
}
