import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/http';
import { bodyOf, draftOf, newSeverityRow, settingsErrorsOf } from './api-key-settings-draft';

describe('bodyOf', () => {
  it('sends one URL per non-blank line, and labels trimmed and lower-cased', () => {
    const draft = { urls: '\nhttp://am-1:9093\n  \n http://am-2:9093 \n', rows: [newSeverityRow(' P0 ', 'critical'), newSeverityRow('', 'minor'), newSeverityRow('Sev-Low', 'warning')] };
    const { body, urlLines, duplicates } = bodyOf(draft);
    expect(body).toEqual({ alertmanagerUrls: ['http://am-1:9093', 'http://am-2:9093'], severityMap: { p0: 'critical', 'sev-low': 'warning' } });
    expect(urlLines).toEqual([2, 4]);
    expect(duplicates.size).toBe(0);
  });

  it('flags a label on two rows (a map holds it once), whatever its case', () => {
    const second = newSeverityRow('p0', 'minor');
    const { body, duplicates } = bodyOf({ urls: '', rows: [newSeverityRow('P0', 'critical'), second] });
    expect(body.severityMap).toEqual({ p0: 'critical' });
    expect([...duplicates.keys()]).toEqual([second.id]);
  });

  it('keeps "__proto__" a label', () => {
    const { body } = bodyOf({ urls: '', rows: [newSeverityRow('__proto__', 'major')] });
    expect(Object.keys(body.severityMap)).toEqual(['__proto__']);
    expect(JSON.stringify(body.severityMap)).toBe('{"__proto__":"major"}');
  });

  it('reads a key back into rows', () => {
    const draft = draftOf({ alertmanagerUrls: ['http://a:9093', 'http://b:9093'], severityMap: { p0: 'critical', odd: 'nonsense' } });
    expect(draft.urls).toBe('http://a:9093\nhttp://b:9093');
    expect(draft.rows.map((r) => [r.label, r.severity])).toEqual([
      ['p0', 'critical'],
      ['odd', 'indeterminate'],
    ]);
  });
});

describe('settingsErrorsOf', () => {
  const p0 = newSeverityRow('P0', 'critical');
  const draft = { urls: 'http://ok:9093\n\nftp://nope', rows: [p0] };
  const sent = bodyOf(draft);
  const invalid = (fields: { path: string; message: string }[]) => new ApiRequestError(400, { error: 'validation_failed', message: 'Invalid request', fields });

  it('puts a URL message under the URLs with the line it came from', () => {
    const errors = settingsErrorsOf(invalid([{ path: 'body.alertmanagerUrls.1', message: 'must be an http(s) URL' }]), draft, sent);
    expect(errors.urls).toBe('Line 3 (ftp://nope): must be an http(s) URL');
    expect(errors.form).toBeUndefined();
  });

  it('puts a label message on its row, and one about the labels as a whole under them', () => {
    const errors = settingsErrorsOf(
      invalid([
        { path: 'body.severityMap.p0', message: 'Invalid option' },
        { path: 'body.severityMap', message: 'at most 100 labels' },
        { path: 'body.severityMap.gone', message: 'Invalid key in record' },
      ]),
      draft,
      sent,
    );
    expect(errors.rows.get(p0.id)).toBe('Invalid option');
    expect(errors.labels).toBe('at most 100 labels; “gone”: Invalid key in record');
  });

  it('shows anything else as the form’s message', () => {
    expect(settingsErrorsOf(new ApiRequestError(404, { error: 'not_found', message: 'API key x not found' }), draft, sent).form).toBe('API key x not found');
    expect(settingsErrorsOf(invalid([]), draft, sent).form).toBe('Invalid request');
    expect(settingsErrorsOf(null, draft, sent)).toEqual({ rows: new Map() });
  });
});
