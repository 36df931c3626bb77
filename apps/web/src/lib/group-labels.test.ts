import { describe, expect, it } from 'vitest';
import { alertCount, formatGroupLabels, notReceivedText } from './group-labels';

describe('formatGroupLabels', () => {
  it('writes the labels as Prometheus does, sorted by name', () => {
    expect(formatGroupLabels({ site: 'NTH-1', alertname: 'SiteDown' })).toBe('{alertname="SiteDown", site="NTH-1"}');
  });

  it('escapes quotes in values', () => {
    expect(formatGroupLabels({ job: 'say "hi"' })).toBe('{job="say \\"hi\\""}');
  });

  it('falls back to the groupKey, then to {}', () => {
    expect(formatGroupLabels({}, '{}:{alertname="X"}')).toBe('{}:{alertname="X"}');
    expect(formatGroupLabels({}, null)).toBe('{}');
    expect(formatGroupLabels({}, '  ')).toBe('{}');
  });
});

describe('notReceivedText', () => {
  it('counts alerts in words, singular and plural', () => {
    expect(alertCount(1)).toBe('1 alert');
    expect(notReceivedText(12, { alertname: 'SiteDown' })).toBe('12 alerts of group {alertname="SiteDown"} were not received');
    expect(notReceivedText(1, { alertname: 'SiteDown' })).toBe('1 alert of group {alertname="SiteDown"} was not received');
  });
});
