import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import specs from '@asyncapi/specs';
import { RESPONSIBILITY_EVENT_SCHEMAS, ResponsibilityEventTypes } from '@app/contracts';
import type { DomainEvent } from '@app/domain';
import { schemaValidator } from '@app/testing';
import { RESPONSIBILITY_ASYNCAPI } from './responsibility.asyncapi';
import { announce } from './responsibility.integration-events';

const COMMITTED = join(__dirname, '..', 'asyncapi.json');
const rendered = `${JSON.stringify(RESPONSIBILITY_ASYNCAPI, null, 2)}\n`;
const validate = schemaValidator();

describe("responsibility tracking's AsyncAPI document", () => {
  it('is a valid AsyncAPI 3.0 document, kept as apps/responsibility/asyncapi.json (UPDATE_CONTRACTS=1 npm test rewrites it)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, meta: false, validateSchema: false });
    const valid = ajv.compile(specs.schemas['3.0.0'] as object);
    expect(valid(RESPONSIBILITY_ASYNCAPI) ? [] : valid.errors).toEqual([]);
    if (process.env.UPDATE_CONTRACTS === '1') writeFileSync(COMMITTED, rendered);
    expect(readFileSync(COMMITTED, 'utf8')).toBe(rendered);
  });

  it('has a schema for every public event type, and what the service announces fits it', () => {
    const typesWithSchemas = new Set(Object.keys(RESPONSIBILITY_EVENT_SCHEMAS).map((key) => key.split('@')[0]));
    expect([...typesWithSchemas].sort()).toEqual(Object.values(ResponsibilityEventTypes).sort());
    const samples: DomainEvent[] = [
      { type: 'ResponsibilityListGenerated', data: { unitCode: 'JS-QW', year: 2026, createdOn: '2026-01-05', items: [{}] } },
      {
        type: 'ObligationFulfilled',
        data: {
          obligationId: '0b7e1f1e-6a57-4c3e-9d1a-2f0c5a4b6e01',
          subject: 's',
          unitCode: 'JS-QW',
          dueOn: '2026-01-31',
          fulfilledOn: '2026-01-20',
          late: false,
          evidence: 'x',
        },
      },
    ] as never;
    for (const event of samples) {
      const message = announce(event)!;
      const schema = RESPONSIBILITY_EVENT_SCHEMAS[`${message.type}@${message.version}`];
      expect(validate(schema, message.data)).toEqual([]);
      expect(validate(schema, { ...message.data, extra: 1 })).not.toEqual([]);
    }
  });
});
