import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import specs from '@asyncapi/specs';
import { CASES_EVENT_SCHEMAS, CasesEventTypes } from '@app/contracts';
import type { DomainEvent } from '@app/domain';
import { schemaValidator } from '@app/testing';
import { CASES_ASYNCAPI } from './cases.asyncapi';
import { announce } from './cases.integration-events';

const COMMITTED = join(__dirname, '..', 'asyncapi.json');
const rendered = `${JSON.stringify(CASES_ASYNCAPI, null, 2)}\n`;
const validate = schemaValidator();
const petitionId = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const screened = { petitionId, receivingCommission: 'JS-JW', on: '2026-03-03', by: 'S-OFFICE' };

describe("case handling's AsyncAPI document", () => {
  it('is a valid AsyncAPI 3.0 document, kept as apps/cases/asyncapi.json (UPDATE_CONTRACTS=1 npm test rewrites it)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, meta: false, validateSchema: false });
    const valid = ajv.compile(specs.schemas['3.0.0'] as object);
    expect(valid(CASES_ASYNCAPI) ? [] : valid.errors).toEqual([]);
    if (process.env.UPDATE_CONTRACTS === '1') writeFileSync(COMMITTED, rendered);
    expect(readFileSync(COMMITTED, 'utf8')).toBe(rendered);
  });

  it('has a schema for every public event type, and what the service announces fits it', () => {
    const typesWithSchemas = new Set(Object.keys(CASES_EVENT_SCHEMAS).map((key) => key.split('@')[0]));
    expect([...typesWithSchemas].sort()).toEqual(Object.values(CasesEventTypes).sort());
    const samples: DomainEvent[] = [
      {
        type: 'PetitionRegistered',
        data: {
          petitionId,
          number: 'XF-2026-6F1C2D3E',
          receivingCommission: 'JS-JW',
          channel: 'web',
          named: true,
          reporter: { name: { kid: 'k1', ciphertext: 'x' }, contact: { kid: 'k1', ciphertext: 'y' } },
          content: { kid: 'k1', ciphertext: 'z' },
          reportedPersons: ['S-1'],
          reportedUnits: ['JS-EDU'],
          receivedOn: '2026-03-02',
          registeredOn: '2026-03-02',
          registeredBy: 'S-OFFICE',
          concernsOwnLeader: false,
          acceptanceNoticeDueOn: '2026-03-23',
        },
      },
      { type: 'PetitionAccepted', data: screened },
      { type: 'PetitionForwarded', data: { ...screened, to: 'ZZ-JW', dueOn: '2026-03-09' } },
      { type: 'PetitionTransferred', data: { ...screened, to: 'JS-XZ-JW' } },
      { type: 'PetitionNotAccepted', data: { ...screened, reason: '不属于受理范围' } },
      { type: 'PetitionMarkedRepeat', data: { ...screened, repeatOf: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d' } },
      {
        type: 'PetitionCountsCompiled',
        data: { commission: 'JS-JW', month: '2026-02', counts: [{ unitCode: 'JS-EDU', petitions: 3 }], compiledOn: '2026-03-02' },
      },
      {
        type: 'CaseConcluded',
        data: {
          caseId: petitionId,
          commission: 'JS-JW',
          concludedOn: '2026-06-30',
          findings: [{ unitCode: 'JS-EDU', staffNumbers: ['S-1'], periodFrom: '2024-01-01', periodTo: '2025-12-31' }],
        },
      },
    ];
    for (const event of samples) {
      const message = announce(event)!;
      const schema = CASES_EVENT_SCHEMAS[`${message.type}@${message.version}`];
      expect(validate(schema, message.data)).toEqual([]);
      expect(validate(schema, { ...message.data, extra: 1 })).not.toEqual([]);
    }
  });

  it('never announces the reporter, the contact, the content or the persons named', () => {
    const message = announce({
      type: 'PetitionRegistered',
      data: {
        petitionId,
        receivingCommission: 'JS-JW',
        channel: 'letter',
        reporter: { name: { kid: 'k1', ciphertext: 'SEALED-NAME' }, contact: { kid: 'k1', ciphertext: 'SEALED-CONTACT' } },
        content: { kid: 'k1', ciphertext: 'SEALED-CONTENT' },
        reportedPersons: ['S-REPORTED'],
        reportedUnits: ['JS-EDU'],
        receivedOn: '2026-03-02',
      },
    });
    const text = JSON.stringify(message);
    for (const hidden of ['SEALED-NAME', 'SEALED-CONTACT', 'SEALED-CONTENT', 'S-REPORTED']) expect(text).not.toContain(hidden);
  });

  it('keeps internal events private', () => {
    expect(announce({ type: 'PetitionProtectedFieldsRead', data: {} })).toBeNull();
    expect(announce({ type: 'PetitionOfficersAssigned', data: {} })).toBeNull();
    expect(announce({ type: 'CaseOpened', data: {} })).toBeNull();
    expect(announce({ type: 'InquiryReplyReceived', data: {} })).toBeNull();
  });
});
