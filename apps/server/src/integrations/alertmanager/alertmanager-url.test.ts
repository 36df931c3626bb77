import { describe, expect, it } from 'vitest';
import { isAllowedAlertmanager, normaliseAlertmanagerUrl } from './alertmanager-url';

describe('normaliseAlertmanagerUrl', () => {
  it('keeps scheme, host, port and path; drops a trailing slash, user info, query, fragment and default ports; lower-cases scheme and host', () => {
    expect(normaliseAlertmanagerUrl('http://am:9093')).toBe('http://am:9093');
    expect(normaliseAlertmanagerUrl(' HTTP://AM.Example.NET:9093/ ')).toBe('http://am.example.net:9093');
    expect(normaliseAlertmanagerUrl('https://user:secret@am.example.net/alertmanager//?x=1#top')).toBe('https://am.example.net/alertmanager');
    expect(normaliseAlertmanagerUrl('http://am.example.net:80/')).toBe('http://am.example.net');
    expect(normaliseAlertmanagerUrl('https://am.example.net:443/am')).toBe('https://am.example.net/am');
  });

  it('is undefined for what is not an http(s) URL', () => {
    for (const bad of [undefined, '', '   ', 'am:9093', 'file:///etc/passwd', 'ftp://am', 'not a url']) expect(normaliseAlertmanagerUrl(bad), String(bad)).toBeUndefined();
  });
});

describe('isAllowedAlertmanager', () => {
  it('compares both sides normalised', () => {
    expect(isAllowedAlertmanager('http://am:9093', ['https://other', 'HTTP://am:9093/'])).toBe(true);
    expect(isAllowedAlertmanager('http://am:9093/sub', ['http://am:9093'])).toBe(false);
    expect(isAllowedAlertmanager('http://am:9093', [])).toBe(false);
  });
});
