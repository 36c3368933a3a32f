import type { Appointment, UnitHistory } from '@app/registry-view';
import { peopleOfPeriod } from './review-people';

const appointment = (n: number, staffNumber: string, post: Appointment['post'], from: string, to?: string): Appointment => ({
  appointmentId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  staffNumber,
  post,
  acting: false,
  from,
  ...(to ? { to } : {}),
  portfolios: [],
});
const unit = (code: string, kind: UnitHistory['kind'], parentCode: string | null, more: Partial<UnitHistory> = {}): UnitHistory => ({
  code,
  kind,
  level: 'district',
  jurisdictionCode: '410105',
  registeredFrom: '2015-01-01',
  names: [{ from: '2015-01-01', name: code }],
  parents: [{ from: '2015-01-01', parentCode }],
  pairings: [],
  appointments: [],
  ...more,
});

/** A city committee over a district committee; the district's leader changed in mid-2021 and again in 2024. */
const UNITS = new Map<string, UnitHistory>([
  [
    'CITY',
    unit('CITY', 'party_committee', null, {
      pairings: [{ supervisorCode: 'CITY-JW', supervisorKind: 'discipline_commission', from: '2015-01-01' }],
      appointments: [appointment(1, 'C-LEAD', 'principal_leader', '2015-01-01')],
    }),
  ],
  [
    'CITY-JW',
    unit('CITY-JW', 'discipline_commission', 'CITY', { appointments: [appointment(2, 'C-SEC', 'commission_secretary', '2015-01-01')] }),
  ],
  [
    'DIST',
    unit('DIST', 'party_committee', 'CITY', {
      pairings: [{ supervisorCode: 'DIST-JW', supervisorKind: 'discipline_commission', from: '2015-01-01' }],
      appointments: [
        appointment(3, 'D-OLD', 'principal_leader', '2016-01-01', '2021-06-30'),
        appointment(4, 'D-MID', 'principal_leader', '2021-07-01', '2023-12-31'),
        appointment(5, 'D-NOW', 'principal_leader', '2024-01-01'),
      ],
    }),
  ],
  [
    'DIST-JW',
    unit('DIST-JW', 'discipline_commission', 'DIST', { appointments: [appointment(6, 'D-SEC', 'commission_secretary', '2015-01-01')] }),
  ],
  ['DIST-EDU', unit('DIST-EDU', 'government_department', 'DIST')],
]);
const lookup = (code: string) => UNITS.get(code);

describe('the people of a review’s period (as the registry had them then)', () => {
  it('every principal leader who held the post during the period, each over their part of it; not today’s', () => {
    const { subjects, higher } = peopleOfPeriod(lookup, UNITS.keys(), 'DIST', '2021-01-01', '2022-12-31');
    expect(subjects).toEqual([
      {
        responsibility: 'main',
        subject: 'committee',
        unitCode: 'DIST',
        staffNumber: null,
        from: '2021-01-01',
        to: '2022-12-31',
        acting: false,
      },
      {
        responsibility: 'main',
        subject: 'principal_leader',
        unitCode: 'DIST',
        staffNumber: 'D-OLD',
        from: '2021-01-01',
        to: '2021-06-30',
        acting: false,
      },
      {
        responsibility: 'main',
        subject: 'principal_leader',
        unitCode: 'DIST',
        staffNumber: 'D-MID',
        from: '2021-07-01',
        to: '2022-12-31',
        acting: false,
      },
      {
        responsibility: 'supervisory',
        subject: 'commission',
        unitCode: 'DIST-JW',
        staffNumber: null,
        from: '2021-01-01',
        to: '2022-12-31',
        acting: false,
      },
      {
        responsibility: 'supervisory',
        subject: 'secretary',
        unitCode: 'DIST-JW',
        staffNumber: 'D-SEC',
        from: '2021-01-01',
        to: '2022-12-31',
        acting: false,
      },
    ]);
    expect(higher).toEqual({ committeeCode: 'CITY', commissionCode: 'CITY-JW' });
  });

  it('a department answers through the nearest committee above it', () => {
    const { subjects } = peopleOfPeriod(lookup, UNITS.keys(), 'DIST-EDU', '2024-03-01', '2024-04-30');
    expect(subjects.map((s) => [s.subject, s.unitCode, s.staffNumber])).toEqual([
      ['committee', 'DIST', null],
      ['principal_leader', 'DIST', 'D-NOW'],
      ['commission', 'DIST-JW', null],
      ['secretary', 'DIST-JW', 'D-SEC'],
    ]);
  });

  it('the top committee has nothing higher; a unit that did not exist in the period has no subjects', () => {
    expect(peopleOfPeriod(lookup, UNITS.keys(), 'CITY', '2020-01-01', '2020-12-31').higher).toBeNull();
    expect(peopleOfPeriod(lookup, UNITS.keys(), 'DIST', '2010-01-01', '2010-12-31').subjects).toEqual([]);
  });
});
