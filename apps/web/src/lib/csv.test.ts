import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, toCsv } from './csv';

describe('csvField', () => {
  it('writes plain text and numbers as they are', () => {
    expect(csvField('Eve Engineer')).toBe('Eve Engineer');
    expect(csvField(42)).toBe('42');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(true)).toBe('true');
  });

  it('writes null, undefined and non-finite numbers as empty fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('NOC, North')).toBe('"NOC, North"');
    expect(csvField('the "best" team')).toBe('"the ""best"" team"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('"')).toBe('""""');
  });

  it('neutralises formula injection with a leading apostrophe', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField("it's")).toBe("it's");
  });

  it('does not prefix real numbers, even negative ones', () => {
    expect(csvField(-15)).toBe('-15');
  });
});

describe('toCsv', () => {
  it('joins header and rows with commas and CRLF, ending with CRLF', () => {
    const csv = toCsv(['Rank', 'Name', 'Team', 'Points'], [
      [1, 'Eve Engineer', 'NOC Test', 120],
      [2, '=cmd|calc', 'Field, Test', 80],
      [3, 'Nobody', undefined, 0],
    ]);
    expect(csv).toBe('Rank,Name,Team,Points\r\n1,Eve Engineer,NOC Test,120\r\n2,\'=cmd|calc,"Field, Test",80\r\n3,Nobody,,0\r\n');
  });

  it('writes just the header when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });

  it('round-trips through a minimal RFC 4180 parser', () => {
    const rows = [['x,y', 'say "hi"', 'multi\r\nline', 'plain']];
    const csv = toCsv(['a', 'b', 'c', 'd'], rows);
    expect(parseCsv(csv)).toEqual([['a', 'b', 'c', 'd'], ...rows]);
  });
});

describe('csvFileName', () => {
  it('builds a safe file name with the date', () => {
    expect(csvFileName(['Leaderboard', 'individual', 'week'], new Date('2026-11-20T10:00:00Z'))).toBe('leaderboard-individual-week-2026-11-20.csv');
    expect(csvFileName(['Team: NOC/Test!'], new Date('2026-01-02T00:00:00Z'))).toBe('team-noc-test-2026-01-02.csv');
  });
});

/** Test helper: RFC 4180 records from CSV text. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}
