import { REGISTRY_EVENT_SCHEMAS, RegistryEventTypes, type JsonSchema } from '@app/contracts';
import { schemaValidator } from '@app/testing';
import type { PersonEvent } from './people/person.events';
import { announce, businessTime, toRegistryIntegrationEvent } from './registry.integration-events';
import type { UnitEvent } from './units/unit.events';

const APPOINTMENT = '11111111-1111-4111-8111-111111111111';
const RELATION = '55555555-5555-4555-8555-555555555555';

const cases: ReadonlyArray<readonly [UnitEvent | PersonEvent, unknown]> = [
  [
    {
      type: 'UnitRegistered',
      data: {
        unitCode: 'zy-pc',
        name: '中原区委',
        kind: 'party_committee',
        level: 'district',
        parentCode: 'zz-pc',
        jurisdictionCode: '410102',
        effectiveFrom: '2014-01-01',
      },
    },
    {
      type: 'registry.UnitRegistered',
      version: 1,
      data: {
        unitCode: 'zy-pc',
        name: '中原区委',
        kind: 'party_committee',
        level: 'district',
        parentCode: 'zz-pc',
        jurisdictionCode: '410102',
        effectiveFrom: '2014-01-01',
      },
    },
  ],
  [
    { type: 'UnitRenamed', data: { unitCode: 'zy-pc', name: '乙', previousName: '甲', effectiveFrom: '2016-01-01' } },
    { type: 'registry.UnitRenamed', version: 1, data: { unitCode: 'zy-pc', name: '乙', previousName: '甲', effectiveFrom: '2016-01-01' } },
  ],
  [
    { type: 'UnitMoved', data: { unitCode: 'zy-pc', parentCode: 'xz-pc', previousParentCode: null, effectiveFrom: '2017-01-01' } },
    {
      type: 'registry.UnitMoved',
      version: 1,
      data: { unitCode: 'zy-pc', parentCode: 'xz-pc', previousParentCode: null, effectiveFrom: '2017-01-01' },
    },
  ],
  [
    { type: 'UnitDissolved', data: { unitCode: 'zy-pc', effectiveFrom: '2020-01-01', reason: '机构改革' } },
    { type: 'registry.UnitDissolved', version: 1, data: { unitCode: 'zy-pc', effectiveFrom: '2020-01-01', reason: '机构改革' } },
  ],
  [
    {
      type: 'UnitPaired',
      data: { unitCode: 'zy-pc', counterpartCode: 'zy-dc', counterpartKind: 'discipline_commission', effectiveFrom: '2014-01-01' },
    },
    {
      type: 'registry.UnitPaired',
      version: 1,
      data: { unitCode: 'zy-pc', supervisorCode: 'zy-dc', supervisorKind: 'discipline_commission', effectiveFrom: '2014-01-01' },
    },
  ],
  [
    { type: 'UnitPairingEnded', data: { unitCode: 'zy-pc', counterpartCode: 'zy-dc', effectiveTo: '2016-12-31', reason: 'reorganised' } },
    {
      type: 'registry.UnitPairingEnded',
      version: 1,
      data: { unitCode: 'zy-pc', supervisorCode: 'zy-dc', effectiveTo: '2016-12-31', reason: 'reorganised' },
    },
  ],
  [
    {
      type: 'AppointmentMade',
      data: {
        unitCode: 'zy-pc',
        appointmentId: APPOINTMENT,
        staffNumber: 'S001',
        post: 'principal_leader',
        acting: true,
        effectiveFrom: '2015-01-01',
      },
    },
    {
      type: 'registry.AppointmentMade',
      version: 1,
      data: {
        appointmentId: APPOINTMENT,
        unitCode: 'zy-pc',
        staffNumber: 'S001',
        post: 'principal_leader',
        acting: true,
        effectiveFrom: '2015-01-01',
      },
    },
  ],
  [
    {
      type: 'AppointmentEnded',
      data: {
        unitCode: 'zy-pc',
        appointmentId: APPOINTMENT,
        staffNumber: 'S001',
        post: 'principal_leader',
        effectiveTo: '2016-12-31',
        reason: 'other',
        note: '因病',
      },
    },
    {
      type: 'registry.AppointmentEnded',
      version: 1,
      data: {
        appointmentId: APPOINTMENT,
        unitCode: 'zy-pc',
        staffNumber: 'S001',
        post: 'principal_leader',
        effectiveTo: '2016-12-31',
        reason: 'other',
      },
    },
  ],
  [
    {
      type: 'PortfolioAssigned',
      data: {
        unitCode: 'zy-pc',
        appointmentId: APPOINTMENT,
        staffNumber: 'S002',
        coveredUnitCodes: ['zy-fin'],
        effectiveFrom: '2015-02-01',
      },
    },
    {
      type: 'registry.PortfolioAssigned',
      version: 1,
      data: {
        appointmentId: APPOINTMENT,
        unitCode: 'zy-pc',
        staffNumber: 'S002',
        coveredUnitCodes: ['zy-fin'],
        effectiveFrom: '2015-02-01',
      },
    },
  ],
  [
    { type: 'PortfolioEnded', data: { unitCode: 'zy-pc', appointmentId: APPOINTMENT, staffNumber: 'S002', effectiveTo: '2015-12-31' } },
    {
      type: 'registry.PortfolioEnded',
      version: 1,
      data: { appointmentId: APPOINTMENT, unitCode: 'zy-pc', staffNumber: 'S002', effectiveTo: '2015-12-31' },
    },
  ],
  [
    {
      type: 'PersonRegistered',
      data: {
        staffNumber: 'S001',
        name: '张三',
        gender: 'male',
        birthYear: 1970,
        contact: { phone: '0371-66660000', email: 'z@example.cn' },
      },
    },
    { type: 'registry.PersonRegistered', version: 1, data: { staffNumber: 'S001', name: '张三' } },
  ],
  [
    {
      type: 'PersonProfileUpdated',
      schemaVersion: 2,
      data: { staffNumber: 'S001', name: '张珊', nameEffectiveFrom: '2024-07-01', birthYear: 1971, contact: {} },
    },
    { type: 'registry.PersonRenamed', version: 2, data: { staffNumber: 'S001', name: '张珊', effectiveFrom: '2024-07-01' } },
  ],
  [
    {
      type: 'SigningKeyRegistered',
      data: {
        staffNumber: 'S001',
        algorithm: 'sm2',
        publicKey: `04${'b'.repeat(128)}`,
        fingerprint: 'c'.repeat(64),
        effectiveFrom: '2024-01-01',
      },
    },
    {
      type: 'registry.SigningKeyRegistered',
      version: 1,
      data: {
        staffNumber: 'S001',
        algorithm: 'sm2',
        publicKey: `04${'b'.repeat(128)}`,
        fingerprint: 'c'.repeat(64),
        effectiveFrom: '2024-01-01',
      },
    },
  ],
  [
    {
      type: 'SigningKeyRevoked',
      data: { staffNumber: 'S001', fingerprint: 'c'.repeat(64), effectiveFrom: '2024-06-01', reason: 'compromised' },
    },
    {
      type: 'registry.SigningKeyRevoked',
      version: 1,
      data: { staffNumber: 'S001', fingerprint: 'c'.repeat(64), effectiveFrom: '2024-06-01', reason: 'compromised' },
    },
  ],
  [
    {
      type: 'RelationDeclared',
      data: {
        staffNumber: 'S001',
        relationId: RELATION,
        kind: 'kinship',
        unitCode: 'zy-fin',
        kinship: 'spouse',
        effectiveFrom: '2018-01-01',
        note: '配偶任科长',
      },
    },
    {
      type: 'registry.RelationDeclared',
      version: 1,
      data: {
        relationId: RELATION,
        staffNumber: 'S001',
        kind: 'kinship',
        unitCode: 'zy-fin',
        effectiveFrom: '2018-01-01',
        effectiveTo: null,
      },
    },
  ],
  [
    { type: 'RelationWithdrawn', data: { staffNumber: 'S001', relationId: RELATION, effectiveTo: '2021-06-30' } },
    { type: 'registry.RelationWithdrawn', version: 1, data: { relationId: RELATION, staffNumber: 'S001', effectiveTo: '2021-06-30' } },
  ],
];

const validate = schemaValidator();

describe('registry integration events', () => {
  it.each(cases.map(([event, expected]) => [event.type, event, expected] as const))(
    '%s is announced with exactly the public fields, as its published JSON Schema says',
    (_, event, expected) => {
      const message = toRegistryIntegrationEvent(event);
      expect(message).toStrictEqual(expected);
      if (!message) throw new Error(`${event.type} is private`);
      const schema: JsonSchema = REGISTRY_EVENT_SCHEMAS[`${message.type}@${message.version}` as keyof typeof REGISTRY_EVENT_SCHEMAS];
      expect(validate(schema, message.data)).toEqual([]);
    },
  );

  it('the schemas refuse what a consumer must never receive: unknown fields, missing fields, malformed days', () => {
    const schema = REGISTRY_EVENT_SCHEMAS['registry.PersonRegistered@1'];
    expect(validate(schema, { staffNumber: 'S1', name: '张伟' })).toEqual([]);
    expect(validate(schema, { staffNumber: 'S1', name: '张伟', phone: '0371-66660001' })).not.toEqual([]);
    expect(validate(schema, { staffNumber: 'S1' })).not.toEqual([]);
    expect(
      validate(REGISTRY_EVENT_SCHEMAS['registry.UnitRenamed@1'], {
        unitCode: 'A',
        name: 'x',
        previousName: 'y',
        effectiveFrom: '2025/01/01',
      }),
    ).not.toEqual([]);
  });

  it('every public event type has a schema', () => {
    const typesWithSchemas = new Set(Object.keys(REGISTRY_EVENT_SCHEMAS).map((key) => key.split('@')[0]));
    expect([...typesWithSchemas].sort()).toEqual(Object.values(RegistryEventTypes).sort());
  });

  it('a profile update that does not change the name stays private (gender, birth year and contact never leave)', () => {
    expect(
      toRegistryIntegrationEvent({
        type: 'PersonProfileUpdated',
        data: { staffNumber: 'S001', contact: { phone: '0371-66660001' }, gender: 'female' },
      }),
    ).toBeNull();
  });

  it('an erasure of personal data stays private, and a relation never carries its note', () => {
    expect(
      toRegistryIntegrationEvent({
        type: 'PersonalDataErased',
        data: { staffNumber: 'S001', legalBasis: 'pipl_art47_consent_withdrawn', note: '申请编号 2026-17', erasedOn: '2026-06-01' },
      }),
    ).toBeNull();
    const declared = toRegistryIntegrationEvent({
      type: 'RelationDeclared',
      data: {
        staffNumber: 'S001',
        relationId: RELATION,
        kind: 'kinship',
        kinship: 'spouse',
        unitCode: 'zy-fin',
        effectiveFrom: '2010-01-01',
        note: '配偶在该局任科员',
      },
    });
    expect(JSON.stringify(declared)).not.toContain('配偶在该局任科员');
  });

  it('a declared former post carries its last day', () => {
    const message = toRegistryIntegrationEvent({
      type: 'RelationDeclared',
      data: {
        staffNumber: 'S001',
        relationId: RELATION,
        kind: 'former_post',
        unitCode: 'zy-fin',
        effectiveFrom: '2010-01-01',
        effectiveTo: '2013-12-31',
      },
    });
    expect(message?.data).toMatchObject({ kind: 'former_post', effectiveTo: '2013-12-31' });
  });

  it('every domain event type has a case', () => {
    const types = new Set(cases.map(([event]) => event.type));
    expect(types.size).toBe(16);
  });

  it('announces the business time: 00:00 China Standard Time of the first day, of the day after the last, else none', () => {
    expect(businessTime({ effectiveFrom: '2025-01-01' })).toBe('2024-12-31T16:00:00.000Z');
    expect(businessTime({ effectiveTo: '2024-12-31' })).toBe('2024-12-31T16:00:00.000Z');
    expect(businessTime({ staffNumber: 'S1', name: '张伟' })).toBeUndefined();
    const message = announce({ type: 'UnitRenamed', data: { unitCode: 'A', name: '乙', previousName: '甲', effectiveFrom: '2016-03-01' } });
    expect(message?.occurredAt).toBe('2016-02-29T16:00:00.000Z');
  });

  it("a person's rename is announced as version 2, dated, at 00:00 China Standard Time of the day the new name is borne", () => {
    const message = announce({
      type: 'PersonProfileUpdated',
      schemaVersion: 2,
      data: { staffNumber: 'S001', name: '张珊', nameEffectiveFrom: '2024-07-01' },
    });
    expect(message).toMatchObject({ type: 'registry.PersonRenamed', version: 2, occurredAt: '2024-06-30T16:00:00.000Z' });
  });
});
