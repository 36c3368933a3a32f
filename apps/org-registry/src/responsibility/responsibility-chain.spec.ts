import { fold } from '@app/domain';
import { unitDecider, type UnitState } from '../units/unit.decider';
import type { UnitEvent } from '../units/unit.events';
import { responsibilityChain } from './responsibility-chain';

const registered = (
  unitCode: string,
  name: string,
  kind: string,
  level: string,
  parentCode: string | null,
  effectiveFrom = '2020-01-01',
): UnitEvent =>
  ({ type: 'UnitRegistered', data: { unitCode, name, kind, level, parentCode, jurisdictionCode: '410100', effectiveFrom } }) as UnitEvent;
const appointed = (unitCode: string, appointmentId: string, staffNumber: string, post: string, effectiveFrom: string): UnitEvent =>
  ({ type: 'AppointmentMade', data: { unitCode, appointmentId, staffNumber, post, acting: false, effectiveFrom } }) as UnitEvent;
const ended = (unitCode: string, appointmentId: string, staffNumber: string, post: string, effectiveTo: string): UnitEvent =>
  ({ type: 'AppointmentEnded', data: { unitCode, appointmentId, staffNumber, post, effectiveTo, reason: 'transferred' } }) as UnitEvent;
const paired = (unitCode: string, counterpartCode: string, effectiveFrom = '2020-01-01'): UnitEvent => ({
  type: 'UnitPaired',
  data: { unitCode, counterpartCode, counterpartKind: 'discipline_commission', effectiveFrom },
});

const A = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function world(): Map<string, UnitState> {
  const streams: Record<string, UnitEvent[]> = {
    CITY: [
      registered('CITY', '中共郑州市委', 'party_committee', 'city', null),
      paired('CITY', 'CITY-JW'),
      appointed('CITY', A(1), 'S-CITY', 'principal_leader', '2020-01-01'),
    ],
    'CITY-JW': [
      registered('CITY-JW', '郑州市纪委', 'discipline_commission', 'city', 'CITY'),
      appointed('CITY-JW', A(2), 'S-CJW', 'commission_secretary', '2020-01-01'),
    ],
    DIST: [
      registered('DIST', '中共金水区委', 'party_committee', 'district', 'CITY'),
      paired('DIST', 'DIST-JW'),
      appointed('DIST', A(3), 'S-OLD', 'principal_leader', '2020-01-01'),
      ended('DIST', A(3), 'S-OLD', 'principal_leader', '2024-12-31'),
      appointed('DIST', A(4), 'S-NEW', 'principal_leader', '2025-01-01'),
      appointed('DIST', A(5), 'S-MEMBER', 'team_member', '2020-01-01'),
      {
        type: 'PortfolioAssigned',
        data: { unitCode: 'DIST', appointmentId: A(5), staffNumber: 'S-MEMBER', coveredUnitCodes: ['EDU'], effectiveFrom: '2023-01-01' },
      },
    ],
    'DIST-JW': [
      registered('DIST-JW', '金水区纪委', 'discipline_commission', 'district', 'DIST'),
      appointed('DIST-JW', A(6), 'S-DJW', 'commission_secretary', '2020-01-01'),
    ],
    EDU: [
      registered('EDU', '金水区教育局', 'government_department', 'department', 'DIST'),
      appointed('EDU', A(7), 'S-EDU', 'department_head', '2021-01-01'),
    ],
  };
  return new Map(Object.entries(streams).map(([code, events]) => [code, fold(unitDecider, events)]));
}

describe('responsibility chain as of a day', () => {
  const units = world();
  const lookup = (code: string) => units.get(code);

  it('names the responsible committee, its commission and the higher line for a department', () => {
    const chain = responsibilityChain(lookup, 'EDU', '2025-06-01', ['DIST'])!;
    expect(chain.unit).toMatchObject({ code: 'EDU', name: '金水区教育局', head: { staffNumber: 'S-EDU', post: 'department_head' } });
    expect(chain.responsible?.committee).toMatchObject({ code: 'DIST', principalLeader: { staffNumber: 'S-NEW' } });
    expect(chain.responsible?.commission).toMatchObject({ code: 'DIST-JW', secretary: { staffNumber: 'S-DJW' } });
    expect(chain.inCharge).toEqual([expect.objectContaining({ staffNumber: 'S-MEMBER', unitCode: 'DIST' })]);
    expect(chain.higher?.committee).toMatchObject({ code: 'CITY', principalLeader: { staffNumber: 'S-CITY' } });
    expect(chain.higher?.commission).toMatchObject({ code: 'CITY-JW', secretary: { staffNumber: 'S-CJW' } });
  });

  it('answers for a past day with the people who held the posts then', () => {
    const chain = responsibilityChain(lookup, 'EDU', '2022-06-01', ['DIST'])!;
    expect(chain.responsible?.committee.principalLeader?.staffNumber).toBe('S-OLD');
    expect(chain.inCharge).toEqual([]);
  });

  it('treats a Party committee as responsible for itself and answering to the next committee up', () => {
    const chain = responsibilityChain(lookup, 'DIST', '2025-06-01', [])!;
    expect(chain.responsible?.committee.code).toBe('DIST');
    expect(chain.higher?.committee.code).toBe('CITY');
  });

  it('has no answer for a day before the unit existed', () => {
    expect(responsibilityChain(lookup, 'EDU', '2019-12-31', [])).toBeUndefined();
    expect(responsibilityChain(lookup, 'NOPE', '2025-01-01', [])).toBeUndefined();
  });
});
