import type { RvAppointment, RvPairing, RvPortfolio, RvUnit } from './registry-view.entities';
import { unitHistoryOf, type UnitRows } from './registry-view.rows';
import { holdersOn, inChargeOfOn, nameOn, pairingOn, parentOn, principalLeaderOn, teamOn, unitOn } from './unit-history';

const A = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const appointment = (n: number, staffNumber: string, post: string, from: string, to: string | null = null): RvAppointment => ({
  appointmentId: A(n),
  unitCode: 'DIST',
  staffNumber,
  post,
  acting: false,
  effectiveFrom: from,
  effectiveTo: to,
  endReason: to ? 'transferred' : null,
  streamVersion: n,
});

function district(overrides: Partial<UnitRows> = {}, unit: Partial<RvUnit> = {}): UnitRows {
  return {
    unit: {
      code: 'DIST',
      kind: 'party_committee',
      level: 'district',
      jurisdictionCode: '410105',
      registeredFrom: '2020-01-01',
      dissolvedFrom: null,
      dissolutionReason: null,
      ...unit,
    },
    // Rows come back from the database in no particular order.
    names: [
      { unitCode: 'DIST', effectiveFrom: '2024-07-01', name: '中共金水区委员会' },
      { unitCode: 'DIST', effectiveFrom: '2020-01-01', name: '中共金水区委' },
    ],
    parents: [
      { unitCode: 'DIST', effectiveFrom: '2023-01-01', parentCode: 'CITY-2' },
      { unitCode: 'DIST', effectiveFrom: '2020-01-01', parentCode: 'CITY' },
    ],
    pairings: [],
    appointments: [],
    portfolios: [],
    ...overrides,
  };
}

describe('a unit folded from the view rows, read as of a day', () => {
  it('has the name and parent in force on the day, the latest change on or before it winning', () => {
    const unit = unitHistoryOf(district());
    expect([nameOn(unit, '2024-06-30'), nameOn(unit, '2024-07-01')]).toEqual(['中共金水区委', '中共金水区委员会']);
    expect([parentOn(unit, '2022-12-31'), parentOn(unit, '2023-01-01')]).toEqual(['CITY', 'CITY-2']);
    expect(unitOn(unit, '2023-05-05')).toEqual({
      code: 'DIST',
      name: '中共金水区委',
      kind: 'party_committee',
      level: 'district',
      parentCode: 'CITY-2',
      jurisdictionCode: '410105',
    });
  });

  it('did not exist before its first day nor from its dissolution on', () => {
    const unit = unitHistoryOf(district({}, { dissolvedFrom: '2025-01-01', dissolutionReason: '撤并' }));
    expect(unitOn(unit, '2019-12-31')).toBeUndefined();
    expect(unitOn(unit, '2024-12-31')?.name).toBe('中共金水区委员会');
    expect(unitOn(unit, '2025-01-01')).toBeUndefined();
  });

  it('gives the holders of a post on a day, the last day of an appointment included and the next day not', () => {
    const unit = unitHistoryOf(
      district({
        appointments: [
          appointment(4, 'S-NEW', 'principal_leader', '2025-01-01'),
          appointment(3, 'S-OLD', 'principal_leader', '2020-01-01', '2024-12-31'),
        ],
      }),
    );
    expect(holdersOn(unit, 'principal_leader', '2024-12-31').map((h) => h.staffNumber)).toEqual(['S-OLD']);
    expect(principalLeaderOn(unit, '2025-01-01')).toEqual({
      staffNumber: 'S-NEW',
      post: 'principal_leader',
      acting: false,
      appointmentId: A(4),
      from: '2025-01-01',
    });
    expect(holdersOn(unit, 'principal_leader', '2024-12-31')[0]).toMatchObject({ to: '2024-12-31' });
  });

  it('keeps the appointments in the order the registry recorded them', () => {
    const unit = unitHistoryOf(
      district({ appointments: [appointment(9, 'S-B', 'team_member', '2020-01-01'), appointment(2, 'S-A', 'team_member', '2021-01-01')] }),
    );
    expect(teamOn(unit, '2022-01-01').map((m) => m.staffNumber)).toEqual(['S-A', 'S-B']);
  });

  it('shows on a team member only the portfolio held that day, and who was in charge of a unit then', () => {
    const portfolio = (from: string, to: string | null, covered: string[]): RvPortfolio => ({
      appointmentId: A(5),
      effectiveFrom: from,
      effectiveTo: to,
      coveredUnitCodes: covered,
      holderUnitCode: 'DIST',
      staffNumber: 'S-MEMBER',
    });
    const unit = unitHistoryOf(
      district({
        appointments: [appointment(5, 'S-MEMBER', 'team_member', '2020-01-01')],
        portfolios: [portfolio('2024-01-01', null, ['HEALTH']), portfolio('2023-01-01', '2023-12-31', ['EDU', 'HEALTH'])],
      }),
    );
    expect(teamOn(unit, '2022-06-01')[0].coveredUnitCodes).toEqual([]);
    expect(teamOn(unit, '2023-06-01')[0].coveredUnitCodes).toEqual(['EDU', 'HEALTH']);
    expect(inChargeOfOn(unit, 'EDU', '2023-12-31')).toEqual([
      expect.objectContaining({ staffNumber: 'S-MEMBER', unitCode: 'DIST', portfolioFrom: '2023-01-01', portfolioTo: '2023-12-31' }),
    ]);
    expect(inChargeOfOn(unit, 'EDU', '2024-01-01')).toEqual([]);
  });

  it('has the pairing in force on the day, none after it ended', () => {
    const pairing: RvPairing = {
      unitCode: 'DIST',
      supervisorCode: 'DIST-JW',
      supervisorKind: 'discipline_commission',
      effectiveFrom: '2020-01-01',
      effectiveTo: '2024-06-30',
      endReason: 'reorganised',
    };
    const unit = unitHistoryOf(district({ pairings: [pairing] }));
    expect(pairingOn(unit, '2024-06-30')).toEqual({
      supervisorCode: 'DIST-JW',
      supervisorKind: 'discipline_commission',
      from: '2020-01-01',
      to: '2024-06-30',
      endReason: 'reorganised',
    });
    expect(pairingOn(unit, '2024-07-01')).toBeUndefined();
  });
});
