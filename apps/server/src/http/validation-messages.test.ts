import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationError } from './errors';
import { fieldLabel, fieldsSummary, plainFieldMessage } from '../services/field-messages';

/** The 400 that `schema` answers for `input`: its fields by path, and its summary. */
function refusal(schema: z.ZodType, input: unknown, where: 'body' | 'query' | 'params' | 'headers' = 'body') {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  const error = validationError(result.error, where);
  const byPath = Object.fromEntries((error.fields ?? []).map((f) => [f.path, f.message]));
  return { status: error.status, code: error.code, message: error.message, byPath };
}

describe('validation messages in plain words', () => {
  it('too_big: a text, a number and a list', () => {
    const schema = z.object({ name: z.string().max(100), points: z.number().max(1000), scopes: z.array(z.string()).max(2) });
    const r = refusal(schema, { name: 'x'.repeat(150), points: 5000, scopes: ['a', 'b', 'c'] });
    expect(r.status).toBe(400);
    expect(r.code).toBe('validation_failed');
    expect(r.byPath['body.name']).toBe('Name must be at most 100 characters.');
    expect(r.byPath['body.points']).toBe('Points must be at most 1000.');
    expect(r.byPath['body.scopes']).toBe('Scopes must have at most 2 items.');
    expect(r.message).toContain('Name must be at most 100 characters (body.name).');
    expect(r.message).not.toMatch(/Too big|expected|<=/);
  });

  it('too_small: empty text, short text, a number and an empty list', () => {
    const schema = z.object({ name: z.string().trim().min(1), reason: z.string().min(3), points: z.number().min(-1000), events: z.array(z.string()).min(1) });
    const r = refusal(schema, { name: '   ', reason: 'no', points: -5000, events: [] });
    expect(r.byPath['body.name']).toBe('Name must not be empty.');
    expect(r.byPath['body.reason']).toBe('Reason must be at least 3 characters.');
    expect(r.byPath['body.points']).toBe('Points must be at least -1000.');
    expect(r.byPath['body.events']).toBe('Events must have at least 1 item.');
  });

  it('invalid_type: the wrong kind of value, and a whole number', () => {
    const schema = z.object({ name: z.string(), target: z.number().int(), vip: z.boolean() });
    const r = refusal(schema, { name: 42, target: 1.5, vip: 'yes' });
    expect(r.byPath['body.name']).toBe('Name must be text.');
    expect(r.byPath['body.target']).toBe('Target must be a whole number.');
    expect(r.byPath['body.vip']).toBe('Vip must be true or false.');
  });

  it('required: a missing field is named as required', () => {
    const r = refusal(z.object({ occurredAt: z.string(), toPersonId: z.string() }), { toPersonId: 'p1' });
    expect(r.byPath['body.occurredAt']).toBe('Occurred at is required.');
    expect(Object.keys(r.byPath)).toEqual(['body.occurredAt']);
  });

  it('invalid enum and literal values list what is allowed', () => {
    const schema = z.object({ severity: z.enum(['critical', 'major']), kind: z.literal('team') });
    const r = refusal(schema, { severity: 'huge', kind: 'x' });
    expect(r.byPath['body.severity']).toBe('Severity must be one of "critical", "major".');
    expect(r.byPath['body.kind']).toBe('Kind must be "team".');
  });

  it('invalid formats: URL, email and an ISO date-time', () => {
    const schema = z.object({ url: z.url(), email: z.email(), startsAt: z.iso.datetime({ offset: true }) });
    const r = refusal(schema, { url: 'nope', email: 'nope', startsAt: 'yesterday' });
    expect(r.byPath['body.url']).toBe('URL must be a web address (URL).');
    expect(r.byPath['body.email']).toBe('Email must be an email address.');
    expect(r.byPath['body.startsAt']).toMatch(/^Starts at must be a date and time in ISO 8601/);
  });

  it('custom refinements: an author’s fragment becomes a sentence about the field; a bare refine is "not valid"', () => {
    const schema = z.object({
      points: z.number().refine((n) => n !== 0, 'must not be 0'),
      title: z.string().optional(),
      code: z.string().refine(() => false),
      labels: z.record(z.string(), z.string()).refine(() => false, { message: 'at most 100 labels' }),
      hook: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
    }).superRefine((d, ctx) => {
      if (d.title === undefined) ctx.addIssue({ code: 'custom', path: ['title'], message: 'Required without a templateId' });
    });
    const r = refusal(schema, { points: 0, code: 'x', labels: {}, hook: 'ftp://example.org' });
    expect(r.byPath['body.points']).toBe('Points must not be 0.');
    expect(r.byPath['body.code']).toBe('Code is not valid.');
    expect(r.byPath['body.labels']).toBe('Labels: at most 100 labels.');
    expect(r.byPath['body.hook']).toBe('Hook must be an http(s) URL.');
    expect(r.byPath['body.title']).toBe('Title is required without a templateId.');
  });

  it('unknown keys are named one by one', () => {
    const r = refusal(z.object({ name: z.string() }).strict(), { name: 'a', colour: 'red' });
    expect(r.byPath['body.colour']).toBe('Colour is not a field this request takes.');
  });

  it('positions in a list and the part of the request are named', () => {
    const r = refusal(z.array(z.object({ occurredAt: z.iso.datetime() })), [{ occurredAt: '2024-01-01T00:00:00Z' }, { occurredAt: 'soon' }]);
    expect(r.byPath['body.1.occurredAt']).toMatch(/^Occurred at \(item 2\) must be a date and time/);
    const whole = refusal(z.object({ a: z.string() }), 'not an object', 'query');
    expect(whole.byPath['query']).toBe('The query string must be an object.');
    expect(fieldLabel(['headers', 'idempotency-key'])).toBe('Idempotency key');
    expect(fieldLabel(['audience', 'personIds', 3])).toBe('Person IDs (item 4)');
  });

  it('the summary names five fields and counts the rest', () => {
    const schema = z.array(z.object({ n: z.number() }));
    const r = refusal(schema, Array.from({ length: 8 }, () => ({ n: 'x' })));
    expect(r.message.match(/must be a number/g)).toHaveLength(5);
    expect(r.message).toMatch(/3 more fields are not valid\.$/);
  });
});

describe('a use case’s own field messages', () => {
  it('read as sentences about the field, with the path in the summary', () => {
    expect(plainFieldMessage('body.endsAt', 'must be after startsAt')).toBe('Ends at must be after startsAt.');
    expect(plainFieldMessage('body.title', 'required')).toBe('Title is required.');
    expect(plainFieldMessage('body.target', 'a whole number from 1 to 1000000')).toBe('Target must be a whole number from 1 to 1000000.');
    expect(plainFieldMessage('body.templateId', 'No mission template x')).toBe('No mission template x.');
    expect(fieldsSummary([{ path: 'body.title', message: 'Title is required.' }])).toBe('Title is required (body.title).');
  });
});
