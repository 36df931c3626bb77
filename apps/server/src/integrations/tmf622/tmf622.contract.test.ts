import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

/**
 * Contract test: the TMF622 notifications the listener tests send (fixtures/*.json) against the
 * TMF622 v4.0.0 spec's ProductOrderCreateEvent / ProductOrderStateChangeEvent / ProductOrder
 * definitions. The spec is third-party and not part of the project: it is read from
 * ../shared/fixtures/tmf beside the repository, and only these checks are skipped (with a
 * message) when it is absent.
 */

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const SPEC_FILE = join(REPO_ROOT, '..', 'shared', 'fixtures', 'tmf', 'TMF622-ProductOrder-v4.0.0.swagger.json');
const SPEC_ID = 'https://opsquest.invalid/specs/tmf622-v4.json';
const specPresent = existsSync(SPEC_FILE);
if (!specPresent) {
  console.warn(`[tmf622 contract] ${SPEC_FILE} is absent: the TMF622 spec checks are skipped (the listener tests still run).`);
}

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

interface Envelope {
  event: { productOrder: Record<string, unknown> };
}

let ajv: Ajv | undefined;

/** A validator for one of the spec's definitions (swagger 2.0 definitions read as JSON Schema, draft-04-like). */
function validatorFor(definition: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    ajv.addSchema(JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as object, SPEC_ID);
  }
  return ajv.getSchema(`${SPEC_ID}#/definitions/${definition}`) ?? ajv.compile({ $ref: `${SPEC_ID}#/definitions/${definition}` });
}

const errorsOf = (validate: ValidateFunction): string => JSON.stringify(validate.errors, null, 2);

describe.skipIf(!specPresent)(`TMF622 v4 contract (spec: ${specPresent ? 'found' : 'absent, skipped'})`, () => {
  it.each([
    ['product-order-create-event', 'ProductOrderCreateEvent'],
    ['product-order-state-change-event', 'ProductOrderStateChangeEvent'],
  ])('fixture %s is a valid %s, and its productOrder a valid ProductOrder', (name, definition) => {
    const body = fixture(name) as Envelope;
    const envelope = validatorFor(definition);
    expect(envelope(body), errorsOf(envelope)).toBe(true);
    const order = validatorFor('ProductOrder');
    expect(order(body.event.productOrder), errorsOf(order)).toBe(true);
  });

  it('the validators do reject what the spec forbids', () => {
    const body = fixture('product-order-state-change-event') as Envelope;
    const order = validatorFor('ProductOrder');
    const { productOrderItem: _items, ...withoutItems } = body.event.productOrder;
    expect(order(withoutItems)).toBe(false);
    expect(order({ ...body.event.productOrder, state: 'shipped' })).toBe(false);
    const envelope = validatorFor('ProductOrderStateChangeEvent');
    expect(envelope({ ...body, eventTime: 'not a time' })).toBe(false);
  });
});
