import { fold } from '@app/domain';
import { unitDecider } from './unit.decider';
import type { UnitEvent } from './unit.events';
import {
  appointmentsOn,
  currentName,
  currentParentCode,
  existsOn,
  holdersOn,
  inChargeOfOn,
  nameOn,
  pairingOn,
  parentOn,
  portfoliosOn,
  principalLeaderOn,
} from './unit.queries';

const CODE = 'zy-pc';
const FIRST = '11111111-1111-4111-8111-111111111111';
const SECOND = '22222222-2222-4222-8222-222222222222';
const MEMBER = '33333333-3333-4333-8333-333333333333';

const history: UnitEvent[] = [
  {
    type: 'UnitRegistered',
    data: {
      unitCode: CODE,
      name: '甲',
      kind: 'party_committee',
      level: 'district',
      parentCode: 'zz-pc',
      jurisdictionCode: '410102',
      effectiveFrom: '2014-01-01',
    },
  },
  { type: 'UnitRenamed', data: { unitCode: CODE, name: '乙', previousName: '甲', effectiveFrom: '2016-01-01' } },
  { type: 'UnitMoved', data: { unitCode: CODE, parentCode: 'xz-pc', previousParentCode: 'zz-pc', effectiveFrom: '2017-01-01' } },
  {
    type: 'UnitPaired',
    data: { unitCode: CODE, counterpartCode: 'zy-dc', counterpartKind: 'discipline_commission', effectiveFrom: '2014-01-01' },
  },
  { type: 'UnitPairingEnded', data: { unitCode: CODE, counterpartCode: 'zy-dc', effectiveTo: '2016-12-31', reason: 'reorganised' } },
  {
    type: 'UnitPaired',
    data: { unitCode: CODE, counterpartCode: 'xz-dc', counterpartKind: 'discipline_commission', effectiveFrom: '2017-01-01' },
  },
  {
    type: 'AppointmentMade',
    data: {
      unitCode: CODE,
      appointmentId: FIRST,
      staffNumber: 'S001',
      post: 'principal_leader',
      acting: false,
      effectiveFrom: '2014-01-01',
    },
  },
  {
    type: 'AppointmentEnded',
    data: {
      unitCode: CODE,
      appointmentId: FIRST,
      staffNumber: 'S001',
      post: 'principal_leader',
      effectiveTo: '2016-06-30',
      reason: 'transferred',
    },
  },
  {
    type: 'AppointmentMade',
    data: {
      unitCode: CODE,
      appointmentId: SECOND,
      staffNumber: 'S009',
      post: 'principal_leader',
      acting: true,
      effectiveFrom: '2016-07-01',
    },
  },
  {
    type: 'AppointmentMade',
    data: { unitCode: CODE, appointmentId: MEMBER, staffNumber: 'S002', post: 'team_member', acting: false, effectiveFrom: '2014-01-01' },
  },
  {
    type: 'PortfolioAssigned',
    data: { unitCode: CODE, appointmentId: MEMBER, staffNumber: 'S002', coveredUnitCodes: ['zy-fin'], effectiveFrom: '2014-01-01' },
  },
  { type: 'PortfolioEnded', data: { unitCode: CODE, appointmentId: MEMBER, staffNumber: 'S002', effectiveTo: '2015-12-31' } },
  {
    type: 'PortfolioAssigned',
    data: {
      unitCode: CODE,
      appointmentId: MEMBER,
      staffNumber: 'S002',
      coveredUnitCodes: ['zy-edu', 'zy-fin'],
      effectiveFrom: '2016-01-01',
    },
  },
  {
    type: 'AppointmentEnded',
    data: {
      unitCode: CODE,
      appointmentId: SECOND,
      staffNumber: 'S009',
      post: 'principal_leader',
      effectiveTo: '2019-12-31',
      reason: 'unit_dissolved',
    },
  },
  { type: 'PortfolioEnded', data: { unitCode: CODE, appointmentId: MEMBER, staffNumber: 'S002', effectiveTo: '2019-12-31' } },
  {
    type: 'AppointmentEnded',
    data: {
      unitCode: CODE,
      appointmentId: MEMBER,
      staffNumber: 'S002',
      post: 'team_member',
      effectiveTo: '2019-12-31',
      reason: 'unit_dissolved',
    },
  },
  { type: 'UnitPairingEnded', data: { unitCode: CODE, counterpartCode: 'xz-dc', effectiveTo: '2019-12-31', reason: 'unit_dissolved' } },
  { type: 'UnitDissolved', data: { unitCode: CODE, effectiveFrom: '2020-01-01', reason: '机构改革' } },
];
const state = fold(unitDecider, history);

describe('Unit as-of queries', () => {
  it('folds the same state from events read back as JSON from the store', () => {
    expect(fold(unitDecider, JSON.parse(JSON.stringify(history)))).toEqual(state);
  });

  it('a unit exists from its registration up to the day before its dissolution', () => {
    expect([
      existsOn(state, '2013-12-31'),
      existsOn(state, '2014-01-01'),
      existsOn(state, '2019-12-31'),
      existsOn(state, '2020-01-01'),
    ]).toEqual([false, true, true, false]);
    expect(existsOn(unitDecider.initialState(), '2015-01-01')).toBe(false);
  });

  it('the name and parent are those in force on the day', () => {
    expect([nameOn(state, '2015-12-31'), nameOn(state, '2016-01-01'), nameOn(state, '2020-01-01')]).toEqual(['甲', '乙', undefined]);
    expect([parentOn(state, '2016-12-31'), parentOn(state, '2017-01-01')]).toEqual(['zz-pc', 'xz-pc']);
    expect([
      currentName(state as Exclude<typeof state, { status: 'absent' }>),
      currentParentCode(state as Exclude<typeof state, { status: 'absent' }>),
    ]).toEqual(['乙', 'xz-pc']);
  });

  it('holdersOn answers who held a post on a past day', () => {
    expect(holdersOn(state, 'principal_leader', '2016-06-30').map((a) => a.staffNumber)).toEqual(['S001']);
    expect(holdersOn(state, 'principal_leader', '2016-07-01').map((a) => [a.staffNumber, a.acting])).toEqual([['S009', true]]);
    expect(principalLeaderOn(state, '2013-06-01')).toBeUndefined();
    expect(appointmentsOn(state, '2019-12-31').map((a) => a.appointmentId)).toEqual([SECOND, MEMBER]);
    expect(appointmentsOn(state, '2020-01-01')).toEqual([]);
  });

  it('pairingOn answers which commission supervised the committee on a day', () => {
    expect(pairingOn(state, '2016-12-31')?.counterpartCode).toBe('zy-dc');
    expect(pairingOn(state, '2017-01-01')?.counterpartCode).toBe('xz-dc');
    expect(pairingOn(state, '2020-01-01')).toBeUndefined();
  });

  it('portfoliosOn and inChargeOfOn answer who was in charge of a unit on a day', () => {
    expect(portfoliosOn(state, '2015-06-01')).toEqual([
      {
        appointmentId: MEMBER,
        staffNumber: 'S002',
        post: 'team_member',
        coveredUnitCodes: ['zy-fin'],
        from: '2014-01-01',
        to: '2015-12-31',
      },
    ]);
    expect(inChargeOfOn(state, 'zy-edu', '2015-06-01')).toEqual([]);
    expect(inChargeOfOn(state, 'zy-edu', '2016-06-01').map((p) => p.staffNumber)).toEqual(['S002']);
    expect(portfoliosOn(state, '2020-01-01')).toEqual([]);
  });
});
