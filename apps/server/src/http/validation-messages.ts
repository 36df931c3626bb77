import type { ZodError } from 'zod';
import { authorMessage, fieldLabel } from '../services/field-messages';

type Issue = ZodError['issues'][number];

/** zod's own English messages; anything else was written by the schema's author and is kept. */
const ZOD_DEFAULT = /^(Invalid |Too big:|Too small:|Unrecognized key)/;

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a size limit counts, by what was measured. */
function unitOf(origin: string, n: number): string {
  if (origin === 'string') return count(n, 'character', 'characters');
  if (origin === 'array' || origin === 'set') return count(n, 'item', 'items');
  if (origin === 'file') return count(n, 'byte', 'bytes');
  if (origin === 'date') return new Date(n).toISOString();
  return String(n);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  null: 'empty (null)',
  undefined: 'left out',
};

const FORMAT_WORDS: Record<string, string> = {
  url: 'a web address (URL)',
  email: 'an email address',
  datetime: 'a date and time in ISO 8601 with a time zone, e.g. 2024-05-01T08:30:00Z',
  date: 'a date in ISO 8601, e.g. 2024-05-01',
  time: 'a time in ISO 8601, e.g. 08:30:00',
  duration: 'an ISO 8601 duration, e.g. PT5M',
  uuid: 'a UUID',
  guid: 'a GUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  base64: 'base64 text',
  base64url: 'base64url text',
  jwt: 'a JSON Web Token',
};

function describeValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.slice(0, 12).map(describeValue).join(', ');
  return values.length > 12 ? `${shown}, …` : shown;
}

function tooBig(label: string, issue: Extract<Issue, { code: 'too_big' }>): string {
  const max = Number(issue.maximum);
  if (issue.origin === 'date') return `${label} must be ${issue.inclusive ? 'on or before' : 'before'} ${unitOf('date', max)}.`;
  if (issue.origin === 'number' || issue.origin === 'bigint') return `${label} must be ${issue.inclusive ? 'at most' : 'less than'} ${max}.`;
  if (issue.origin === 'array' || issue.origin === 'set') return `${label} must have ${issue.inclusive ? 'at most' : 'fewer than'} ${unitOf(issue.origin, max)}.`;
  return `${label} must be ${issue.inclusive ? 'at most' : 'fewer than'} ${unitOf(issue.origin, max)}.`;
}

function tooSmall(label: string, issue: Extract<Issue, { code: 'too_small' }>): string {
  const min = Number(issue.minimum);
  if (issue.origin === 'date') return `${label} must be ${issue.inclusive ? 'on or after' : 'after'} ${unitOf('date', min)}.`;
  if (issue.origin === 'number' || issue.origin === 'bigint') return `${label} must be ${issue.inclusive ? 'at least' : 'more than'} ${min}.`;
  if (issue.origin === 'string' && issue.inclusive && min === 1) return `${label} must not be empty.`;
  if (issue.origin === 'array' || issue.origin === 'set') return `${label} must have ${issue.inclusive ? 'at least' : 'more than'} ${unitOf(issue.origin, min)}.`;
  return `${label} must be ${issue.inclusive ? 'at least' : 'more than'} ${unitOf(issue.origin, min)}.`;
}

function invalidFormat(label: string, issue: Extract<Issue, { code: 'invalid_format' }>): string {
  const format: string = issue.format;
  if (format === 'starts_with' && 'prefix' in issue) return `${label} must start with "${String(issue.prefix)}".`;
  if (format === 'ends_with' && 'suffix' in issue) return `${label} must end with "${String(issue.suffix)}".`;
  if (format === 'includes' && 'includes' in issue) return `${label} must contain "${String(issue.includes)}".`;
  if (format === 'regex') return `${label} is not in the expected format.`;
  return `${label} must be ${FORMAT_WORDS[format] ?? `a valid ${format}`}.`;
}

/** A missing field: zod says "received undefined" (the input itself is not kept on the issue). */
function isMissing(issue: Issue): boolean {
  if (issue.code !== 'invalid_type') return false;
  if ('input' in issue) return issue.input === undefined;
  return issue.message.endsWith('received undefined');
}

/**
 * One zod issue as a sentence in plain words that names the field: "Name must be at most 100
 * characters.", "Severity must be one of "critical", "major".", "Occurred at is required.". A
 * message the schema's author wrote is kept, made into a sentence about the field.
 */
export function plainIssueMessage(issue: Issue, path: readonly PropertyKey[] = issue.path, where = 'body'): string {
  const label = fieldLabel(path, where);
  if (issue.code === 'unrecognized_keys') return `${label} is not a field this request takes.`;
  if (!ZOD_DEFAULT.test(issue.message) && issue.code !== 'invalid_type') return authorMessage(label, issue.message);
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(issue)) return `${label} is required.`;
      if (!ZOD_DEFAULT.test(issue.message)) return authorMessage(label, issue.message);
      return `${label} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}.`;
    case 'too_big':
      return tooBig(label, issue);
    case 'too_small':
      return tooSmall(label, issue);
    case 'invalid_format':
      return invalidFormat(label, issue);
    case 'invalid_value':
      return issue.values.length === 1 ? `${label} must be ${describeValue(issue.values[0])}.` : `${label} must be one of ${oneOf(issue.values)}.`;
    case 'not_multiple_of':
      return `${label} must be a multiple of ${String(issue.divisor)}.`;
    case 'invalid_key':
      return `${label} has a key that is not allowed.`;
    case 'invalid_element':
      return `${label} has an entry that is not valid.`;
    case 'invalid_union':
    case 'custom':
    default:
      return `${label} is not valid.`;
  }
}
