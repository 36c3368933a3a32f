import type { IntegrationEnvelope } from '@app/contracts';
import { DomainError } from '@app/domain';
import { readRegistryEvent } from './registry-event.reader';

const envelope = (type: string, version: number, data: unknown, occurredAt = '2025-03-01T02:00:00.000Z'): IntegrationEnvelope =>
  ({ id: 'm-1', type, version, data, occurredAt }) as IntegrationEnvelope;

describe('reading registry events for the view', () => {
  it('upcasts PersonRenamed v1 to v2, dated the China Standard Time day of the business time', () => {
    // 16:30 UTC on 28 February is already 1 March in Beijing.
    const outcome = readRegistryEvent(
      envelope('registry.PersonRenamed', 1, { staffNumber: 'S-1', name: '张维' }, '2025-02-28T16:30:00.000Z'),
    );
    expect(outcome).toEqual({
      event: { type: 'registry.PersonRenamed', version: 2, data: { staffNumber: 'S-1', name: '张维', effectiveFrom: '2025-03-01' } },
    });
  });

  it('takes PersonRenamed v2 as it is, with its own date', () => {
    const data = { staffNumber: 'S-1', name: '张维', effectiveFrom: '2024-10-01' };
    expect(readRegistryEvent(envelope('registry.PersonRenamed', 2, data))).toEqual({
      event: { type: 'registry.PersonRenamed', version: 2, data },
    });
  });

  it('reads HolidayArrangementPublished v1 and refuses one whose periods or days do not fit', () => {
    // A fictional test arrangement, not the State Council notice.
    const data = {
      year: 2027,
      revision: 1,
      sources: ['FICTIONAL TEST ARRANGEMENT'],
      holidays: [{ name: '测试假日（虚构）', from: '2027-01-01', to: '2027-01-03' }],
      makeUpWorkingDays: ['2027-01-09'],
      correctionReason: null,
    };
    expect(readRegistryEvent(envelope('registry.HolidayArrangementPublished', 1, data))).toEqual({
      event: { type: 'registry.HolidayArrangementPublished', version: 1, data },
    });
    for (const broken of [
      { ...data, holidays: [{ name: '', from: '2027-01-01', to: '2027-01-03' }] },
      { ...data, makeUpWorkingDays: ['2027-1-9'] },
      { ...data, year: '2027' },
    ]) {
      expect(() => readRegistryEvent(envelope('registry.HolidayArrangementPublished', 1, broken))).toThrow(DomainError);
    }
  });

  it('skips a type or a version it does not know, saying which', () => {
    expect(readRegistryEvent(envelope('registry.UnitMerged', 1, {}))).toEqual({ skipped: 'unknown event type registry.UnitMerged' });
    expect(readRegistryEvent(envelope('registry.UnitRenamed', 2, {}))).toEqual({ skipped: 'unknown version 2 of registry.UnitRenamed' });
  });

  it('refuses a known type and version whose data breaks the contract, with a stable code', () => {
    const read = () => readRegistryEvent(envelope('registry.UnitRenamed', 1, { unitCode: 'U', name: '名', effectiveFrom: '2025-02-30' }));
    expect(read).toThrow(DomainError);
    expect(read).toThrow(expect.objectContaining({ code: 'REGISTRY_VIEW.MALFORMED_EVENT' }));
    expect(() => readRegistryEvent(envelope('registry.PersonRenamed', 1, { staffNumber: 'S-1', name: '张维' }, 'soon'))).toThrow(
      expect.objectContaining({ code: 'REGISTRY_VIEW.MALFORMED_EVENT' }),
    );
  });

  it('accepts a top-level unit (no parent) and an open-ended relation', () => {
    const unit = {
      unitCode: 'TOP',
      name: '中共河南省委',
      kind: 'party_committee',
      level: 'province',
      parentCode: null,
      jurisdictionCode: '410000',
      effectiveFrom: '2020-01-01',
    };
    expect(readRegistryEvent(envelope('registry.UnitRegistered', 1, unit))).toHaveProperty('event.data.parentCode', null);
    const relation = {
      relationId: 'r',
      staffNumber: 'S-1',
      kind: 'kinship',
      unitCode: 'U',
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
    };
    expect(readRegistryEvent(envelope('registry.RelationDeclared', 1, relation))).toHaveProperty('event.data.effectiveTo', null);
  });
});
