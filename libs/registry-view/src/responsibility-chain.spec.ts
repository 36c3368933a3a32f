import type { RvAppointment, RvPairing, RvPortfolio } from './registry-view.entities';
import { unitHistoryOf } from './registry-view.rows';
import { responsibilityChain } from './responsibility-chain';
import type { UnitHistory } from './unit-history';

const A = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface UnitSpec {
  readonly name: string;
  readonly kind: string;
  readonly parent: string | null;
  readonly moves?: readonly [string, string][];
  readonly pairedWith?: string;
  readonly appointments?: readonly [number, string, string, string, (string | null)?][];
  readonly portfolios?: readonly [number, string, string[], string][];
}

/** The same world as the registry's own responsibility-chain.spec, as the view's rows. */
function world(specs: Record<string, UnitSpec>): (code: string) => UnitHistory | undefined {
  const units = new Map<string, UnitHistory>();
  for (const [code, spec] of Object.entries(specs)) {
    const appointments: RvAppointment[] = (spec.appointments ?? []).map(([n, staffNumber, post, from, to = null]) => ({
      appointmentId: A(n),
      unitCode: code,
      staffNumber,
      post,
      acting: false,
      effectiveFrom: from,
      effectiveTo: to,
      endReason: to ? 'transferred' : null,
      streamVersion: n,
    }));
    const portfolios: RvPortfolio[] = (spec.portfolios ?? []).map(([n, staffNumber, covered, from]) => ({
      appointmentId: A(n),
      effectiveFrom: from,
      effectiveTo: null,
      coveredUnitCodes: covered,
      holderUnitCode: code,
      staffNumber,
    }));
    const pairings: RvPairing[] = spec.pairedWith
      ? [
          {
            unitCode: code,
            supervisorCode: spec.pairedWith,
            supervisorKind: 'discipline_commission',
            effectiveFrom: '2020-01-01',
            effectiveTo: null,
            endReason: null,
          },
        ]
      : [];
    units.set(
      code,
      unitHistoryOf({
        unit: {
          code,
          kind: spec.kind,
          level: 'district',
          jurisdictionCode: '410105',
          registeredFrom: '2020-01-01',
          dissolvedFrom: null,
          dissolutionReason: null,
        },
        names: [{ unitCode: code, effectiveFrom: '2020-01-01', name: spec.name }],
        parents: [
          { unitCode: code, effectiveFrom: '2020-01-01', parentCode: spec.parent },
          ...(spec.moves ?? []).map(([from, parentCode]) => ({ unitCode: code, effectiveFrom: from, parentCode })),
        ],
        pairings,
        appointments,
        portfolios,
      }),
    );
  }
  return (code) => units.get(code);
}

describe('responsibility chain over the view, as of a day', () => {
  const lookup = world({
    CITY: {
      name: '中共郑州市委',
      kind: 'party_committee',
      parent: null,
      pairedWith: 'CITY-JW',
      appointments: [[1, 'S-CITY', 'principal_leader', '2020-01-01']],
    },
    'CITY-JW': {
      name: '郑州市纪委',
      kind: 'discipline_commission',
      parent: 'CITY',
      appointments: [[2, 'S-CJW', 'commission_secretary', '2020-01-01']],
    },
    DIST: {
      name: '中共金水区委',
      kind: 'party_committee',
      parent: 'CITY',
      pairedWith: 'DIST-JW',
      appointments: [
        [3, 'S-OLD', 'principal_leader', '2020-01-01', '2024-12-31'],
        [4, 'S-NEW', 'principal_leader', '2025-01-01'],
        [5, 'S-MEMBER', 'team_member', '2020-01-01'],
      ],
      portfolios: [[5, 'S-MEMBER', ['EDU'], '2023-01-01']],
    },
    'DIST-JW': {
      name: '金水区纪委',
      kind: 'discipline_commission',
      parent: 'DIST',
      appointments: [[6, 'S-DJW', 'commission_secretary', '2020-01-01']],
    },
    OTHER: {
      name: '中共二七区委',
      kind: 'party_committee',
      parent: 'CITY',
      appointments: [[8, 'S-OTHER', 'principal_leader', '2020-01-01']],
    },
    EDU: {
      name: '金水区教育局',
      kind: 'government_department',
      parent: 'DIST',
      moves: [['2026-01-01', 'OTHER']],
      appointments: [[7, 'S-EDU', 'department_head', '2021-01-01']],
    },
  });

  it('names the head, the responsible committee and its commission, who is in charge, and the higher line', () => {
    const chain = responsibilityChain(lookup, 'EDU', '2025-06-01', ['DIST'])!;
    expect(chain.unit).toEqual({
      code: 'EDU',
      name: '金水区教育局',
      kind: 'government_department',
      head: { staffNumber: 'S-EDU', post: 'department_head', acting: false, appointmentId: A(7), from: '2021-01-01' },
    });
    expect(chain.responsible?.committee).toMatchObject({ code: 'DIST', principalLeader: { staffNumber: 'S-NEW' } });
    expect(chain.responsible?.commission).toMatchObject({ code: 'DIST-JW', secretary: { staffNumber: 'S-DJW' } });
    expect(chain.inCharge).toEqual([
      { staffNumber: 'S-MEMBER', post: 'team_member', acting: false, appointmentId: A(5), from: '2020-01-01', unitCode: 'DIST' },
    ]);
    expect(chain.higher?.committee).toMatchObject({ code: 'CITY', principalLeader: { staffNumber: 'S-CITY' } });
    expect(chain.higher?.commission).toMatchObject({ code: 'CITY-JW', secretary: { staffNumber: 'S-CJW' } });
  });

  it('answers for a past day with the people who held the posts then', () => {
    const chain = responsibilityChain(lookup, 'EDU', '2022-06-01', ['DIST'])!;
    expect(chain.responsible?.committee.principalLeader?.staffNumber).toBe('S-OLD');
    expect(chain.inCharge).toEqual([]);
  });

  it('follows the parent the unit had on the day: after a move another committee is responsible', () => {
    const chain = responsibilityChain(lookup, 'EDU', '2026-01-01', ['DIST'])!;
    expect(chain.responsible?.committee).toMatchObject({ code: 'OTHER', principalLeader: { staffNumber: 'S-OTHER' } });
    expect(chain.responsible?.commission).toBeNull();
  });

  it('treats a Party committee as responsible for itself and answering to the next committee up', () => {
    const chain = responsibilityChain(lookup, 'DIST', '2025-06-01', [])!;
    expect(chain.responsible?.committee.code).toBe('DIST');
    expect(chain.higher?.committee.code).toBe('CITY');
    expect(responsibilityChain(lookup, 'CITY', '2025-06-01', [])?.higher).toBeNull();
  });

  it('has no answer for a day before the unit existed, nor for a unit it does not know', () => {
    expect(responsibilityChain(lookup, 'EDU', '2019-12-31', [])).toBeUndefined();
    expect(responsibilityChain(lookup, 'NOPE', '2025-01-01', [])).toBeUndefined();
  });
});
