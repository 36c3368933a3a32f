import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import specs from '@asyncapi/specs';
import { REGISTRY_ASYNCAPI } from './registry.asyncapi';

const COMMITTED = join(__dirname, '..', 'asyncapi.json');
const rendered = `${JSON.stringify(REGISTRY_ASYNCAPI, null, 2)}\n`;

describe("the registry's AsyncAPI document", () => {
  it('is a valid AsyncAPI 3.0 document', () => {
    // The specification embeds the draft-07 meta-schema itself: ajv must not add its own copy.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, meta: false, validateSchema: false });
    const validate = ajv.compile(specs.schemas['3.0.0'] as object);
    expect(validate(REGISTRY_ASYNCAPI) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...REGISTRY_ASYNCAPI, info: { title: 'no version' } })).toBe(false);
  });

  it('is kept in the repository as apps/org-registry/asyncapi.json (UPDATE_CONTRACTS=1 npm test rewrites it)', () => {
    if (process.env.UPDATE_CONTRACTS === '1') writeFileSync(COMMITTED, rendered);
    expect(readFileSync(COMMITTED, 'utf8')).toBe(rendered);
  });

  it('documents the key, the partitions and the at-least-once rule', () => {
    const info = (REGISTRY_ASYNCAPI.info as { description: string }).description;
    expect(info).toContain('at least once');
    expect(info).toContain('dedupes on the envelope `id`');
    expect(JSON.stringify(REGISTRY_ASYNCAPI.channels)).toContain('"partitions":3');
  });
});
