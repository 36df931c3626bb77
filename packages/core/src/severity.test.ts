import { describe, expect, it } from 'vitest';
import { normaliseSeverity, SEVERITIES, SEVERITY_ALIASES, type Severity } from './severity';

/** Every label operators write, spelled in mixed case as they arrive from other systems. */
const LABELS: ReadonlyArray<[string, Severity]> = [
  ['Page', 'critical'],
  ['P1', 'critical'],
  ['Sev1', 'critical'],
  ['SEV-1', 'critical'],
  ['S1', 'critical'],
  ['FATAL', 'critical'],
  ['Emergency', 'critical'],
  ['eMeRg', 'critical'],
  ['Alert', 'critical'],
  ['CRIT', 'critical'],
  ['Disaster', 'critical'],
  ['p2', 'major'],
  ['SEV2', 'major'],
  ['s2', 'major'],
  ['High', 'major'],
  ['ERROR', 'major'],
  ['Err', 'major'],
  ['P3', 'minor'],
  ['sEv3', 'minor'],
  ['S3', 'minor'],
  ['Medium', 'minor'],
  ['AVERAGE', 'minor'],
  ['Moderate', 'minor'],
  ['p4', 'warning'],
  ['Sev4', 'warning'],
  ['S4', 'warning'],
  ['LOW', 'warning'],
  ['Warn', 'warning'],
  ['WARNING', 'warning'],
  ['Notice', 'warning'],
  ['P5', 'indeterminate'],
  ['INFO', 'indeterminate'],
  ['Informational', 'indeterminate'],
  ['Debug', 'indeterminate'],
  ['NONE', 'indeterminate'],
  ['Ok', 'indeterminate'],
];

describe('normaliseSeverity', () => {
  it.each(LABELS)('reads %s as %s', (label, expected) => {
    expect(normaliseSeverity(label)).toBe(expected);
    expect(normaliseSeverity(`  ${label}\t`)).toBe(expected);
  });

  it('covers every alias in the table above', () => {
    expect(new Set(LABELS.map(([label]) => label.toLowerCase()))).toEqual(new Set(Object.keys(SEVERITY_ALIASES)));
  });

  it.each(SEVERITIES.map((s) => [s.toUpperCase(), s] as const))('keeps our own name %s as %s', (label, expected) => {
    expect(normaliseSeverity(label)).toBe(expected);
  });

  it.each([undefined, null, '', '   '])('reads a missing severity (%j) as warning', (raw) => {
    expect(normaliseSeverity(raw)).toBe('warning');
  });

  it.each(['banana', 'p6', 'sev-2x', 'constructor', 'toString', '__proto__'])('reads the unknown label %s as indeterminate', (raw) => {
    expect(normaliseSeverity(raw)).toBe('indeterminate');
  });

  it('consults a custom map first, its keys compared lower-cased', () => {
    const custom = { 'Red-Alert': 'critical', Amber: 'minor', INFO: 'major' } as const;
    expect(normaliseSeverity('red-alert', custom)).toBe('critical');
    expect(normaliseSeverity(' AMBER ', custom)).toBe('minor');
    // the custom map wins over the built-in aliases
    expect(normaliseSeverity('info', custom)).toBe('major');
    // labels it does not name fall through to the built-in ones
    expect(normaliseSeverity('P1', custom)).toBe('critical');
    expect(normaliseSeverity('mauve', custom)).toBe('indeterminate');
    // a missing severity stays warning whatever the map says
    expect(normaliseSeverity('', { '': 'critical' })).toBe('warning');
    expect(normaliseSeverity(undefined, custom)).toBe('warning');
  });

  it('does not change the custom map', () => {
    const custom: Record<string, Severity> = { Amber: 'minor' };
    normaliseSeverity('amber', custom);
    expect(custom).toEqual({ Amber: 'minor' });
  });
});
