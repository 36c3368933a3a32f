import { deciderSpec, testMetadata } from '@app/domain/testing';
import { EXCLUSIVE_POSTS, POSTS_BY_UNIT_KIND, type PostKind } from './posts';
import type { UnitCommand } from './unit.commands';
import { unitDecider } from './unit.decider';
import type {
  AppointmentEnded,
  AppointmentMade,
  PortfolioAssigned,
  PortfolioEnded,
  UnitDissolved,
  UnitEvent,
  UnitMoved,
  UnitPaired,
  UnitPairingEnded,
  UnitRegistered,
  UnitRenamed,
} from './unit.events';
import { UNIT_KINDS, type UnitKind } from './unit-kinds';

const CODE = 'zy-pc';
const LEADER = '11111111-1111-4111-8111-111111111111';
const SUCCESSOR = '22222222-2222-4222-8222-222222222222';
const MEMBER = '33333333-3333-4333-8333-333333333333';
const OTHER_MEMBER = '44444444-4444-4444-8444-444444444444';

type DataOf<T extends UnitCommand['type']> = Extract<UnitCommand, { type: T }>['data'];

function command<T extends UnitCommand['type']>(type: T, data: DataOf<T>): UnitCommand {
  return { type, data, metadata: testMetadata() } as UnitCommand;
}

const given = (...events: UnitEvent[]) => deciderSpec(unitDecider).given(events);

const registered = (data: Partial<UnitRegistered['data']> = {}): UnitRegistered => ({
  type: 'UnitRegistered',
  data: {
    unitCode: CODE,
    name: '中共郑州市中原区委员会',
    kind: 'party_committee',
    level: 'district',
    parentCode: 'zz-pc',
    jurisdictionCode: '410102',
    effectiveFrom: '2014-01-01',
    ...data,
  },
});
const renamed = (name: string, effectiveFrom: string, previousName = '中共郑州市中原区委员会'): UnitRenamed => ({
  type: 'UnitRenamed',
  data: { unitCode: CODE, name, previousName, effectiveFrom },
});
const moved = (parentCode: string, effectiveFrom: string, previousParentCode: string | null = 'zz-pc'): UnitMoved => ({
  type: 'UnitMoved',
  data: { unitCode: CODE, parentCode, previousParentCode, effectiveFrom },
});
const dissolved = (effectiveFrom = '2020-01-01'): UnitDissolved => ({
  type: 'UnitDissolved',
  data: { unitCode: CODE, effectiveFrom, reason: '机构改革' },
});
const paired = (effectiveFrom = '2014-01-01', counterpartCode = 'zy-dc'): UnitPaired => ({
  type: 'UnitPaired',
  data: { unitCode: CODE, counterpartCode, counterpartKind: 'discipline_commission', effectiveFrom },
});
const pairingEnded = (
  effectiveTo: string,
  reason: UnitPairingEnded['data']['reason'] = 'reorganised',
  counterpartCode = 'zy-dc',
): UnitPairingEnded => ({
  type: 'UnitPairingEnded',
  data: { unitCode: CODE, counterpartCode, effectiveTo, reason },
});
const appointed = (
  appointmentId: string,
  post: PostKind,
  effectiveFrom: string,
  staffNumber = 'S001',
  acting = false,
): AppointmentMade => ({
  type: 'AppointmentMade',
  data: { unitCode: CODE, appointmentId, staffNumber, post, acting, effectiveFrom },
});
const appointmentEnded = (
  appointmentId: string,
  post: PostKind,
  effectiveTo: string,
  staffNumber = 'S001',
  reason: AppointmentEnded['data']['reason'] = 'transferred',
): AppointmentEnded => ({
  type: 'AppointmentEnded',
  data: { unitCode: CODE, appointmentId, staffNumber, post, effectiveTo, reason },
});
const portfolioAssigned = (
  appointmentId: string,
  coveredUnitCodes: string[],
  effectiveFrom: string,
  staffNumber = 'S002',
): PortfolioAssigned => ({
  type: 'PortfolioAssigned',
  data: { unitCode: CODE, appointmentId, staffNumber, coveredUnitCodes, effectiveFrom },
});
const portfolioEnded = (appointmentId: string, effectiveTo: string, staffNumber = 'S002'): PortfolioEnded => ({
  type: 'PortfolioEnded',
  data: { unitCode: CODE, appointmentId, staffNumber, effectiveTo },
});

const register = (data: Partial<DataOf<'RegisterUnit'>> = {}) =>
  command('RegisterUnit', {
    unitCode: CODE,
    name: '中共郑州市中原区委员会',
    kind: 'party_committee',
    level: 'district',
    parentCode: 'zz-pc',
    jurisdictionCode: '410102',
    effectiveFrom: '2014-01-01',
    ...data,
  });
const appoint = (appointmentId: string, post: string, effectiveFrom: string, staffNumber = 'S001', acting = false) =>
  command('MakeAppointment', { unitCode: CODE, appointmentId, staffNumber, post, acting, effectiveFrom });
const endAppointment = (appointmentId: string, effectiveTo: string, reason = 'transferred', note?: string) =>
  command('EndAppointment', { unitCode: CODE, appointmentId, effectiveTo, reason, ...(note === undefined ? {} : { note }) });
const assignPortfolio = (appointmentId: string, coveredUnitCodes: string[], effectiveFrom: string) =>
  command('AssignPortfolio', { unitCode: CODE, appointmentId, coveredUnitCodes, effectiveFrom });
const pair = (counterpartKind = 'discipline_commission', effectiveFrom = '2014-01-01', counterpartCode = 'zy-dc') =>
  command('PairUnit', { unitCode: CODE, counterpartCode, counterpartKind, effectiveFrom });

const everyCommandButRegister: UnitCommand[] = [
  command('RenameUnit', { unitCode: CODE, name: '新名称', effectiveFrom: '2021-01-01' }),
  command('MoveUnit', { unitCode: CODE, newParentCode: 'other', newParentAncestry: [], effectiveFrom: '2021-01-01' }),
  command('DissolveUnit', { unitCode: CODE, effectiveFrom: '2021-01-01', reason: '撤销' }),
  pair('discipline_commission', '2021-01-01'),
  command('EndUnitPairing', { unitCode: CODE, effectiveTo: '2021-01-01', reason: 'reorganised' }),
  appoint(LEADER, 'principal_leader', '2021-01-01'),
  endAppointment(LEADER, '2021-01-01'),
  assignPortfolio(MEMBER, ['zy-fin'], '2021-01-01'),
  command('EndPortfolio', { unitCode: CODE, appointmentId: MEMBER, effectiveTo: '2021-01-01' }),
];

describe('Unit decider', () => {
  describe('registering', () => {
    it('registers a unit with its kind, level, parent and jurisdiction from a day', () => {
      given().when(register()).then([registered()]);
    });

    it('registers a top-level unit without a parent', () => {
      given()
        .when(register({ unitCode: 'ha-pc', level: 'province', jurisdictionCode: '410000', parentCode: undefined }))
        .then([registered({ unitCode: 'ha-pc', level: 'province', jurisdictionCode: '410000', parentCode: null })]);
    });

    it('trims the name', () => {
      given()
        .when(register({ name: '  中原区委  ' }))
        .then([registered({ name: '中原区委' })]);
    });

    it('UNIT.DUPLICATE_CODE: a code already registered cannot be registered again', () => {
      given(registered())
        .when(register({ name: '另一个单位' }))
        .thenThrows('UNIT.DUPLICATE_CODE', 'conflict');
    });

    it('UNIT.DUPLICATE_CODE: the code of a dissolved unit is never reused', () => {
      given(registered(), dissolved()).when(register()).thenThrows('UNIT.DUPLICATE_CODE', 'conflict');
    });

    it.each(['', 'has space', '-leading-dash', 'x'.repeat(65), '中原区'])('UNIT.INVALID_CODE: %p is not a unit code', (unitCode) => {
      given().when(register({ unitCode })).thenThrows('UNIT.INVALID_CODE');
    });

    it('UNIT.INVALID_CODE: the parent code must be a unit code too', () => {
      given()
        .when(register({ parentCode: 'bad code' }))
        .thenThrows('UNIT.INVALID_CODE');
    });

    it.each(['', '   ', '长'.repeat(129)])('UNIT.INVALID_NAME: %p is not a unit name', (name) => {
      given().when(register({ name })).thenThrows('UNIT.INVALID_NAME');
    });

    it('UNIT.INVALID_KIND: the kind must be one of the unit kinds', () => {
      given()
        .when(register({ kind: 'club' }))
        .thenThrows('UNIT.INVALID_KIND');
    });

    it('UNIT.INVALID_LEVEL: the level must be one of the unit levels', () => {
      given()
        .when(register({ level: 'village' }))
        .thenThrows('UNIT.INVALID_LEVEL');
    });

    it.each([
      ['district', '41010'],
      ['district', '4101020'],
      ['district', 'A10102'],
      ['district', '010102'],
      ['district', '410100'],
      ['city', '410102'],
      ['city', '410000'],
      ['province', '410100'],
    ])('UNIT.INVALID_JURISDICTION: a %s cannot have jurisdiction %p', (level, jurisdictionCode) => {
      given().when(register({ level, jurisdictionCode })).thenThrows('UNIT.INVALID_JURISDICTION');
    });

    it('accepts any division code for township and department levels', () => {
      given()
        .when(register({ kind: 'government_department', level: 'department', jurisdictionCode: '410100' }))
        .then([registered({ kind: 'government_department', level: 'department', jurisdictionCode: '410100' })]);
    });

    it('UNIT.CYCLE: a unit cannot be registered as its own parent', () => {
      given()
        .when(register({ parentCode: CODE }))
        .thenThrows('UNIT.CYCLE');
    });

    it.each(['2023-02-29', '2024-13-01', '2024-1-05', '20240105', ''])('DATE.INVALID: %p is not a calendar day', (effectiveFrom) => {
      const error = given().when(register({ effectiveFrom })).thenThrows('DATE.INVALID', 'invalid');
      expect(error.details).toEqual({ field: 'effectiveFrom' });
    });
  });

  describe('operations on a unit that does not exist', () => {
    it.each(everyCommandButRegister.map((c) => [c.type, c] as const))('UNIT.NOT_FOUND: %s on an unregistered unit', (_, c) => {
      given().when(c).thenThrows('UNIT.NOT_FOUND', 'not_found');
    });
  });

  describe('operations on a dissolved unit', () => {
    it.each(everyCommandButRegister.map((c) => [c.type, c] as const))('UNIT.DISSOLVED: %s on a dissolved unit', (_, c) => {
      given(registered(), dissolved()).when(c).thenThrows('UNIT.DISSOLVED', 'conflict');
    });
  });

  describe('renaming', () => {
    const rename = (name: string, effectiveFrom: string) => command('RenameUnit', { unitCode: CODE, name, effectiveFrom });

    it('renames the unit from a day, keeping the previous name', () => {
      given(registered())
        .when(rename('中共郑州市中原区委', '2016-05-01'))
        .then([renamed('中共郑州市中原区委', '2016-05-01')]);
    });

    it('renaming to the current name records nothing', () => {
      given(registered()).when(rename('中共郑州市中原区委员会', '2016-05-01')).thenNothing();
    });

    it('UNIT.EFFECTIVE_BEFORE_REGISTRATION: a rename cannot take effect before the unit exists', () => {
      given(registered()).when(rename('新名称', '2013-12-31')).thenThrows('UNIT.EFFECTIVE_BEFORE_REGISTRATION');
    });

    it('UNIT.EFFECTIVE_BEFORE_LAST_CHANGE: a rename cannot precede the last rename', () => {
      given(registered(), renamed('乙', '2016-05-01')).when(rename('丙', '2016-04-30')).thenThrows('UNIT.EFFECTIVE_BEFORE_LAST_CHANGE');
    });

    it('a rename on the day of the last one corrects it', () => {
      given(registered(), renamed('乙', '2016-05-01'))
        .when(rename('丙', '2016-05-01'))
        .then([renamed('丙', '2016-05-01', '乙')]);
    });

    it('UNIT.INVALID_NAME: the new name must be a name', () => {
      given(registered()).when(rename(' ', '2016-05-01')).thenThrows('UNIT.INVALID_NAME');
    });

    it('DATE.INVALID: the rename day must be a calendar day', () => {
      given(registered()).when(rename('新名称', '2016-02-30')).thenThrows('DATE.INVALID');
    });
  });

  describe('moving', () => {
    const move = (newParentCode: string, newParentAncestry: string[], effectiveFrom = '2018-01-01') =>
      command('MoveUnit', { unitCode: CODE, newParentCode, newParentAncestry, effectiveFrom });

    it('moves the unit under another parent from a day', () => {
      given(registered())
        .when(move('xz-pc', ['zz-pc', 'ha-pc']))
        .then([moved('xz-pc', '2018-01-01')]);
    });

    it('moves a top-level unit under a parent', () => {
      given(registered({ parentCode: null }))
        .when(move('ha-pc', []))
        .then([moved('ha-pc', '2018-01-01', null)]);
    });

    it('UNIT.CYCLE: a unit cannot be moved under itself', () => {
      given(registered())
        .when(move(CODE, ['zz-pc']))
        .thenThrows('UNIT.CYCLE');
    });

    it('UNIT.CYCLE: a unit cannot be moved under one of its descendants', () => {
      given(registered())
        .when(move('zy-street-pc', ['zy-township-pc', CODE, 'zz-pc']))
        .thenThrows('UNIT.CYCLE');
    });

    it('UNIT.ANCESTRY_REQUIRED: the new parent’s ancestry must come with the command', () => {
      const c = command('MoveUnit', { unitCode: CODE, newParentCode: 'xz-pc', effectiveFrom: '2018-01-01' } as DataOf<'MoveUnit'>);
      given(registered()).when(c).thenThrows('UNIT.ANCESTRY_REQUIRED');
    });

    it('moving under the current parent records nothing', () => {
      given(registered())
        .when(move('zz-pc', ['ha-pc']))
        .thenNothing();
    });

    it('UNIT.EFFECTIVE_BEFORE_LAST_CHANGE: a move cannot precede the last move', () => {
      given(registered(), moved('xz-pc', '2018-01-01'))
        .when(move('zz-pc', ['ha-pc'], '2017-12-31'))
        .thenThrows('UNIT.EFFECTIVE_BEFORE_LAST_CHANGE');
    });

    it('UNIT.EFFECTIVE_BEFORE_REGISTRATION: a move cannot take effect before the unit exists', () => {
      given(registered())
        .when(move('xz-pc', [], '2013-01-01'))
        .thenThrows('UNIT.EFFECTIVE_BEFORE_REGISTRATION');
    });

    it('UNIT.INVALID_CODE: the new parent must be a unit code', () => {
      given(registered()).when(move('no such code', [])).thenThrows('UNIT.INVALID_CODE');
    });
  });

  describe('dissolving', () => {
    const dissolve = (effectiveFrom = '2020-01-01', reason = '机构改革') =>
      command('DissolveUnit', { unitCode: CODE, effectiveFrom, reason });

    it('dissolves the unit from a day', () => {
      given(registered()).when(dissolve()).then([dissolved()]);
    });

    it('dissolution ends running appointments, their portfolios and the pairing on the day before', () => {
      given(
        registered(),
        paired(),
        appointed(LEADER, 'principal_leader', '2015-01-01'),
        appointed(MEMBER, 'team_member', '2015-01-01', 'S002'),
        portfolioAssigned(MEMBER, ['zy-fin'], '2015-02-01'),
        appointed(OTHER_MEMBER, 'team_member', '2015-01-01', 'S003'),
        appointmentEnded(OTHER_MEMBER, 'team_member', '2016-01-01', 'S003'),
      )
        .when(dissolve())
        .then([
          appointmentEnded(LEADER, 'principal_leader', '2019-12-31', 'S001', 'unit_dissolved'),
          portfolioEnded(MEMBER, '2019-12-31'),
          appointmentEnded(MEMBER, 'team_member', '2019-12-31', 'S002', 'unit_dissolved'),
          pairingEnded('2019-12-31', 'unit_dissolved'),
          dissolved(),
        ]);
    });

    it('UNIT.REASON_REQUIRED: a dissolution needs a reason', () => {
      given(registered()).when(dissolve('2020-01-01', '  ')).thenThrows('UNIT.REASON_REQUIRED');
    });

    it('UNIT.DISSOLUTION_IN_FUTURE: a dissolution is recorded when it takes effect, not planned ahead', () => {
      // testMetadata's clock reads 2024-06-01 (China Standard Time).
      given(registered()).when(dissolve('2024-06-02')).thenThrows('UNIT.DISSOLUTION_IN_FUTURE');
      given(registered())
        .when(dissolve('2024-06-01'))
        .then([dissolved('2024-06-01')]);
    });

    it('UNIT.DISSOLUTION_BEFORE_RECORDED_FACTS: a unit cannot be dissolved on the day it is registered', () => {
      given(registered()).when(dissolve('2014-01-01')).thenThrows('UNIT.DISSOLUTION_BEFORE_RECORDED_FACTS', 'conflict');
    });

    it('UNIT.DISSOLUTION_BEFORE_RECORDED_FACTS: a unit cannot be dissolved before a recorded appointment starts', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2021-01-01'))
        .when(dissolve('2020-01-01'))
        .thenThrows('UNIT.DISSOLUTION_BEFORE_RECORDED_FACTS');
    });

    it('DATE.INVALID: the dissolution day must be a calendar day', () => {
      given(registered()).when(dissolve('2020-02-30')).thenThrows('DATE.INVALID');
    });
  });

  describe('pairing', () => {
    const endPairing = (effectiveTo: string, reason = 'reorganised') => command('EndUnitPairing', { unitCode: CODE, effectiveTo, reason });

    it('pairs a Party committee with the discipline commission supervising it', () => {
      given(registered()).when(pair()).then([paired()]);
    });

    it('pairs a Party group with a discipline inspection group', () => {
      given(registered({ kind: 'party_group', level: 'department' }))
        .when(pair('discipline_inspection_group', '2015-01-01', 'zy-dig-3'))
        .then([
          {
            type: 'UnitPaired',
            data: {
              unitCode: CODE,
              counterpartCode: 'zy-dig-3',
              counterpartKind: 'discipline_inspection_group',
              effectiveFrom: '2015-01-01',
            },
          },
        ]);
    });

    it('PAIRING.INVALID_KINDS: two Party committees cannot be paired', () => {
      given(registered()).when(pair('party_committee')).thenThrows('PAIRING.INVALID_KINDS');
    });

    it.each(['party_group', 'government_department', 'township', 'enterprise_institution', 'no_such_kind'])(
      'PAIRING.INVALID_KINDS: a Party committee cannot be paired with a %s',
      (counterpartKind) => {
        given(registered()).when(pair(counterpartKind)).thenThrows('PAIRING.INVALID_KINDS');
      },
    );

    it.each(['discipline_commission', 'discipline_inspection_group', 'government_department', 'township', 'enterprise_institution'])(
      'PAIRING.INVALID_KINDS: the pairing is held by the committee side, not by a %s',
      (kind) => {
        given(registered({ kind: kind as UnitKind, level: 'department' }))
          .when(pair())
          .thenThrows('PAIRING.INVALID_KINDS');
      },
    );

    it('PAIRING.OVERLAP: a committee is paired with one supervisor at a time', () => {
      given(registered(), paired())
        .when(pair('discipline_commission', '2016-01-01', 'other-dc'))
        .thenThrows('PAIRING.OVERLAP', 'conflict');
    });

    it('PAIRING.OVERLAP: a new pairing cannot start before the previous one ended', () => {
      given(registered(), paired(), pairingEnded('2016-06-30'))
        .when(pair('discipline_commission', '2016-06-30', 'other-dc'))
        .thenThrows('PAIRING.OVERLAP');
    });

    it('a new pairing may start the day after the previous one ended', () => {
      given(registered(), paired(), pairingEnded('2016-06-30'))
        .when(pair('discipline_commission', '2016-07-01', 'other-dc'))
        .then([paired('2016-07-01', 'other-dc')]);
    });

    it('UNIT.EFFECTIVE_BEFORE_REGISTRATION: a pairing cannot start before the unit exists', () => {
      given(registered()).when(pair('discipline_commission', '2013-01-01')).thenThrows('UNIT.EFFECTIVE_BEFORE_REGISTRATION');
    });

    it('ends the pairing on a day with a reason', () => {
      given(registered(), paired())
        .when(endPairing('2016-06-30', 'counterpart_dissolved'))
        .then([pairingEnded('2016-06-30', 'counterpart_dissolved')]);
    });

    it('PAIRING.NOT_PAIRED: only an open pairing can be ended', () => {
      given(registered(), paired(), pairingEnded('2016-06-30')).when(endPairing('2017-01-01')).thenThrows('PAIRING.NOT_PAIRED', 'conflict');
    });

    it('PAIRING.END_BEFORE_START: a pairing cannot end before it starts', () => {
      given(registered(), paired('2015-01-01')).when(endPairing('2014-12-31')).thenThrows('PAIRING.END_BEFORE_START');
    });

    it('PAIRING.INVALID_REASON: the reason must be one of the pairing end reasons', () => {
      given(registered(), paired()).when(endPairing('2016-06-30', 'bored')).thenThrows('PAIRING.INVALID_REASON');
    });
  });

  describe('appointing', () => {
    it('appoints a person to a post from a day', () => {
      given(registered())
        .when(appoint(LEADER, 'principal_leader', '2015-01-01'))
        .then([appointed(LEADER, 'principal_leader', '2015-01-01')]);
    });

    it('records an acting appointment', () => {
      given(registered())
        .when(appoint(LEADER, 'principal_leader', '2015-01-01', 'S001', true))
        .then([appointed(LEADER, 'principal_leader', '2015-01-01', 'S001', true)]);
    });

    it('APPOINTMENT.INVALID_ID: the appointment id is a UUID', () => {
      given(registered())
        .when(appoint('a1', 'principal_leader', '2015-01-01'))
        .thenThrows('APPOINTMENT.INVALID_ID');
    });

    it('APPOINTMENT.DUPLICATE_ID: an appointment id is used once', () => {
      given(registered(), appointed(MEMBER, 'team_member', '2015-01-01'))
        .when(appoint(MEMBER, 'team_member', '2016-01-01', 'S002'))
        .thenThrows('APPOINTMENT.DUPLICATE_ID', 'conflict');
    });

    it('PERSON.INVALID_STAFF_NUMBER: the appointee is named by a staff number', () => {
      given(registered())
        .when(appoint(LEADER, 'principal_leader', '2015-01-01', 'no such person'))
        .thenThrows('PERSON.INVALID_STAFF_NUMBER');
    });

    it('PERSON.NATIONAL_ID_NOT_ALLOWED: a national ID number is not a staff number', () => {
      given(registered())
        .when(appoint(LEADER, 'principal_leader', '2015-01-01', '11010519491231002X'))
        .thenThrows('PERSON.NATIONAL_ID_NOT_ALLOWED');
    });

    it('APPOINTMENT.UNKNOWN_POST: the post must be one of the posts', () => {
      given(registered())
        .when(appoint(LEADER, 'mayor', '2015-01-01'))
        .thenThrows('APPOINTMENT.UNKNOWN_POST');
    });

    it.each([
      ['party_committee', 'commission_secretary'],
      ['party_committee', 'department_head'],
      ['discipline_commission', 'principal_leader'],
      ['discipline_inspection_group', 'commission_secretary'],
      ['government_department', 'principal_leader'],
      ['township', 'inspection_group_head'],
      ['enterprise_institution', 'deputy_secretary'],
    ])('APPOINTMENT.POST_NOT_IN_UNIT_KIND: a %s has no %s post', (kind, post) => {
      given(registered({ kind: kind as UnitKind, level: 'department' }))
        .when(appoint(LEADER, post, '2015-01-01'))
        .thenThrows('APPOINTMENT.POST_NOT_IN_UNIT_KIND');
    });

    it('UNIT.EFFECTIVE_BEFORE_REGISTRATION: nobody is appointed before the unit exists', () => {
      given(registered())
        .when(appoint(LEADER, 'principal_leader', '2013-12-31'))
        .thenThrows('UNIT.EFFECTIVE_BEFORE_REGISTRATION');
    });

    it('DATE.INVALID: the start must be a calendar day', () => {
      given(registered())
        .when(appoint(LEADER, 'principal_leader', '2015-02-29'))
        .thenThrows('DATE.INVALID');
    });

    it('APPOINTMENT.EXCLUSIVE_POST_OVERLAP: a second principal leader cannot overlap the first', () => {
      const error = given(registered(), appointed(LEADER, 'principal_leader', '2015-01-01'))
        .when(appoint(SUCCESSOR, 'principal_leader', '2017-01-01', 'S009'))
        .thenThrows('APPOINTMENT.EXCLUSIVE_POST_OVERLAP', 'conflict');
      expect(error.details).toEqual({ appointmentId: LEADER });
    });

    it('APPOINTMENT.EXCLUSIVE_POST_OVERLAP: an acting principal leader cannot overlap a substantive one', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2015-01-01'))
        .when(appoint(SUCCESSOR, 'principal_leader', '2016-01-01', 'S009', true))
        .thenThrows('APPOINTMENT.EXCLUSIVE_POST_OVERLAP');
    });

    it('APPOINTMENT.EXCLUSIVE_POST_OVERLAP: a successor cannot start on or before the predecessor’s last day', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2015-01-01'), appointmentEnded(LEADER, 'principal_leader', '2016-12-31'))
        .when(appoint(SUCCESSOR, 'principal_leader', '2016-12-31', 'S009'))
        .thenThrows('APPOINTMENT.EXCLUSIVE_POST_OVERLAP');
    });

    it('APPOINTMENT.EXCLUSIVE_POST_OVERLAP: an open appointment cannot start before a later term already recorded', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2015-01-01'), appointmentEnded(LEADER, 'principal_leader', '2016-12-31'))
        .when(appoint(SUCCESSOR, 'principal_leader', '2014-06-01', 'S009'))
        .thenThrows('APPOINTMENT.EXCLUSIVE_POST_OVERLAP');
    });

    const appointPast = (
      appointmentId: string,
      effectiveFrom: string,
      effectiveTo: string,
      endReason = 'term_expired',
      staffNumber = 'S007',
    ) =>
      command('MakeAppointment', {
        unitCode: CODE,
        appointmentId,
        staffNumber,
        post: 'principal_leader',
        acting: false,
        effectiveFrom,
        effectiveTo,
        endReason,
      });

    it('records an earlier holder with both ends, before a later holder already recorded', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2017-01-01'))
        .when(appointPast(SUCCESSOR, '2014-06-01', '2016-12-31'))
        .then([
          appointed(SUCCESSOR, 'principal_leader', '2014-06-01', 'S007'),
          appointmentEnded(SUCCESSOR, 'principal_leader', '2016-12-31', 'S007', 'term_expired'),
        ]);
    });

    it('back-fills the history of a dissolved unit: a holder whose both ends lie before the dissolution', () => {
      given(registered(), dissolved('2020-01-01'))
        .when(appointPast(SUCCESSOR, '2014-06-01', '2019-12-31'))
        .then([
          appointed(SUCCESSOR, 'principal_leader', '2014-06-01', 'S007'),
          appointmentEnded(SUCCESSOR, 'principal_leader', '2019-12-31', 'S007', 'term_expired'),
        ]);
    });

    it('UNIT.DISSOLVED: a past holder whose term reaches the dissolution day is refused', () => {
      given(registered(), dissolved('2020-01-01'))
        .when(appointPast(SUCCESSOR, '2014-06-01', '2020-01-01'))
        .thenThrows('UNIT.DISSOLVED', 'conflict');
    });

    it('APPOINTMENT.EXCLUSIVE_POST_OVERLAP: an earlier holder recorded with both ends still may not overlap a later one', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2017-01-01'))
        .when(appointPast(SUCCESSOR, '2014-06-01', '2017-01-01'))
        .thenThrows('APPOINTMENT.EXCLUSIVE_POST_OVERLAP');
    });

    it('APPOINTMENT.END_BEFORE_START and APPOINTMENT.INVALID_REASON: a past holder needs an end after the start and a reason', () => {
      given(registered())
        .when(appointPast(SUCCESSOR, '2016-01-01', '2015-12-31'))
        .thenThrows('APPOINTMENT.END_BEFORE_START');
      given(registered())
        .when(appointPast(SUCCESSOR, '2015-01-01', '2015-12-31', 'bored'))
        .thenThrows('APPOINTMENT.INVALID_REASON');
    });

    it('a successor may start the day after the predecessor’s last day', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2015-01-01'), appointmentEnded(LEADER, 'principal_leader', '2016-12-31'))
        .when(appoint(SUCCESSOR, 'principal_leader', '2017-01-01', 'S009'))
        .then([appointed(SUCCESSOR, 'principal_leader', '2017-01-01', 'S009')]);
    });

    const exclusiveCases = EXCLUSIVE_POSTS.map(
      (post) => [post, UNIT_KINDS.find((kind) => POSTS_BY_UNIT_KIND[kind].includes(post))!] as const,
    );
    it.each(exclusiveCases)('APPOINTMENT.EXCLUSIVE_POST_OVERLAP: %s is held by one person at a time (in a %s)', (post, kind) => {
      given(registered({ kind, level: 'department' }), appointed(LEADER, post, '2015-01-01'))
        .when(appoint(SUCCESSOR, post, '2016-01-01', 'S009'))
        .thenThrows('APPOINTMENT.EXCLUSIVE_POST_OVERLAP');
    });

    it('a non-exclusive post has many holders at once', () => {
      given(registered(), appointed(MEMBER, 'team_member', '2015-01-01', 'S002'))
        .when(appoint(OTHER_MEMBER, 'team_member', '2015-01-01', 'S003'))
        .then([appointed(OTHER_MEMBER, 'team_member', '2015-01-01', 'S003')]);
    });

    it('APPOINTMENT.ALREADY_HOLDS_POST: a person is not appointed twice to the same post for overlapping terms', () => {
      given(registered(), appointed(MEMBER, 'team_member', '2015-01-01', 'S002'))
        .when(appoint(OTHER_MEMBER, 'team_member', '2016-01-01', 'S002'))
        .thenThrows('APPOINTMENT.ALREADY_HOLDS_POST', 'conflict');
    });

    it('the principal leader may also be appointed to another post in the same unit', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2015-01-01'))
        .when(appoint(MEMBER, 'team_member', '2015-01-01'))
        .then([appointed(MEMBER, 'team_member', '2015-01-01')]);
    });
  });

  describe('ending appointments', () => {
    const withLeader = () => given(registered(), appointed(LEADER, 'principal_leader', '2015-01-01'));

    it('ends an appointment on its last day with a reason', () => {
      withLeader()
        .when(endAppointment(LEADER, '2016-12-31', 'term_expired'))
        .then([appointmentEnded(LEADER, 'principal_leader', '2016-12-31', 'S001', 'term_expired')]);
    });

    it('an appointment may last a single day', () => {
      withLeader()
        .when(endAppointment(LEADER, '2015-01-01', 'acting_ended'))
        .then([appointmentEnded(LEADER, 'principal_leader', '2015-01-01', 'S001', 'acting_ended')]);
    });

    it('keeps a note given with the reason', () => {
      withLeader()
        .when(endAppointment(LEADER, '2016-12-31', 'other', '因病'))
        .then([
          {
            type: 'AppointmentEnded',
            data: { ...appointmentEnded(LEADER, 'principal_leader', '2016-12-31', 'S001', 'other').data, note: '因病' },
          },
        ]);
    });

    it('ending an appointment ends its open portfolio the same day', () => {
      given(registered(), appointed(MEMBER, 'team_member', '2015-01-01', 'S002'), portfolioAssigned(MEMBER, ['zy-fin'], '2015-01-01'))
        .when(endAppointment(MEMBER, '2016-12-31'))
        .then([portfolioEnded(MEMBER, '2016-12-31'), appointmentEnded(MEMBER, 'team_member', '2016-12-31', 'S002')]);
    });

    it('APPOINTMENT.NOT_FOUND: only a recorded appointment can be ended', () => {
      withLeader().when(endAppointment(SUCCESSOR, '2016-12-31')).thenThrows('APPOINTMENT.NOT_FOUND', 'not_found');
    });

    it('APPOINTMENT.ALREADY_ENDED: an appointment ends once', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2015-01-01'), appointmentEnded(LEADER, 'principal_leader', '2016-12-31'))
        .when(endAppointment(LEADER, '2017-12-31'))
        .thenThrows('APPOINTMENT.ALREADY_ENDED', 'conflict');
    });

    it('APPOINTMENT.END_BEFORE_START: an appointment cannot end before it starts', () => {
      withLeader().when(endAppointment(LEADER, '2014-12-31')).thenThrows('APPOINTMENT.END_BEFORE_START');
    });

    it('DATE.INVALID: the end must be a calendar day', () => {
      withLeader().when(endAppointment(LEADER, '2016-11-31')).thenThrows('DATE.INVALID');
    });

    it('APPOINTMENT.INVALID_REASON: the reason must be one of the end reasons', () => {
      withLeader()
        .when(endAppointment(LEADER, '2016-12-31', 'felt like it'))
        .thenThrows('APPOINTMENT.INVALID_REASON');
    });

    it('APPOINTMENT.NOTE_REQUIRED: ending for another reason needs a note', () => {
      withLeader()
        .when(endAppointment(LEADER, '2016-12-31', 'other', ' '))
        .thenThrows('APPOINTMENT.NOTE_REQUIRED');
    });

    it('PERSON.NATIONAL_ID_NOT_ALLOWED: a note cannot carry a national ID number', () => {
      withLeader()
        .when(endAppointment(LEADER, '2016-12-31', 'other', '身份证 11010519491231002X'))
        .thenThrows('PERSON.NATIONAL_ID_NOT_ALLOWED');
    });

    it('APPOINTMENT.END_BEFORE_PORTFOLIO: an appointment cannot end before a portfolio of it starts', () => {
      given(registered(), appointed(MEMBER, 'team_member', '2015-01-01', 'S002'), portfolioAssigned(MEMBER, ['zy-fin'], '2016-01-01'))
        .when(endAppointment(MEMBER, '2015-12-31'))
        .thenThrows('APPOINTMENT.END_BEFORE_PORTFOLIO', 'conflict');
    });
  });

  describe('portfolios', () => {
    const withMember = (...more: UnitEvent[]) => given(registered(), appointed(MEMBER, 'team_member', '2015-01-01', 'S002'), ...more);
    const endPortfolio = (appointmentId: string, effectiveTo: string) =>
      command('EndPortfolio', { unitCode: CODE, appointmentId, effectiveTo });

    it('assigns the units a team member is in charge of from a day', () => {
      withMember()
        .when(assignPortfolio(MEMBER, ['zy-fin', 'zy-edu'], '2015-02-01'))
        .then([portfolioAssigned(MEMBER, ['zy-fin', 'zy-edu'], '2015-02-01')]);
    });

    it('a new portfolio replaces the open one, which ends the day before', () => {
      withMember(portfolioAssigned(MEMBER, ['zy-fin'], '2015-02-01'))
        .when(assignPortfolio(MEMBER, ['zy-edu'], '2016-03-01'))
        .then([portfolioEnded(MEMBER, '2016-02-29'), portfolioAssigned(MEMBER, ['zy-edu'], '2016-03-01')]);
    });

    it('assigning the same units again records nothing', () => {
      withMember(portfolioAssigned(MEMBER, ['zy-fin', 'zy-edu'], '2015-02-01'))
        .when(assignPortfolio(MEMBER, ['zy-edu', 'zy-fin'], '2016-03-01'))
        .thenNothing();
    });

    it('PORTFOLIO.POST_WITHOUT_PORTFOLIO: a principal leader is not given a portfolio', () => {
      given(registered(), appointed(LEADER, 'principal_leader', '2015-01-01'))
        .when(assignPortfolio(LEADER, ['zy-fin'], '2015-02-01'))
        .thenThrows('PORTFOLIO.POST_WITHOUT_PORTFOLIO');
    });

    it('APPOINTMENT.NOT_FOUND: a portfolio belongs to a recorded appointment', () => {
      withMember()
        .when(assignPortfolio(OTHER_MEMBER, ['zy-fin'], '2015-02-01'))
        .thenThrows('APPOINTMENT.NOT_FOUND', 'not_found');
    });

    it('APPOINTMENT.ALREADY_ENDED: an ended appointment gets no new portfolio', () => {
      withMember(appointmentEnded(MEMBER, 'team_member', '2016-12-31', 'S002'))
        .when(assignPortfolio(MEMBER, ['zy-fin'], '2016-01-01'))
        .thenThrows('APPOINTMENT.ALREADY_ENDED');
    });

    it('PORTFOLIO.OUTSIDE_APPOINTMENT: a portfolio cannot start before the appointment', () => {
      withMember()
        .when(assignPortfolio(MEMBER, ['zy-fin'], '2014-12-31'))
        .thenThrows('PORTFOLIO.OUTSIDE_APPOINTMENT');
    });

    it('PORTFOLIO.NO_UNITS: a portfolio covers at least one unit', () => {
      withMember()
        .when(assignPortfolio(MEMBER, [], '2015-02-01'))
        .thenThrows('PORTFOLIO.NO_UNITS');
    });

    it('UNIT.INVALID_CODE: covered units are named by unit codes', () => {
      withMember()
        .when(assignPortfolio(MEMBER, ['zy-fin', 'not a code'], '2015-02-01'))
        .thenThrows('UNIT.INVALID_CODE');
    });

    it('PORTFOLIO.DUPLICATE_UNIT: a portfolio lists each unit once', () => {
      withMember()
        .when(assignPortfolio(MEMBER, ['zy-fin', 'zy-fin'], '2015-02-01'))
        .thenThrows('PORTFOLIO.DUPLICATE_UNIT');
    });

    it('PORTFOLIO.COVERS_OWN_UNIT: a portfolio covers other units', () => {
      withMember()
        .when(assignPortfolio(MEMBER, [CODE], '2015-02-01'))
        .thenThrows('PORTFOLIO.COVERS_OWN_UNIT');
    });

    it('PORTFOLIO.OVERLAP: a new portfolio must start after the open one started', () => {
      withMember(portfolioAssigned(MEMBER, ['zy-fin'], '2015-02-01'))
        .when(assignPortfolio(MEMBER, ['zy-edu'], '2015-02-01'))
        .thenThrows('PORTFOLIO.OVERLAP', 'conflict');
    });

    it('PORTFOLIO.OVERLAP: a new portfolio must start after the last one ended', () => {
      withMember(portfolioAssigned(MEMBER, ['zy-fin'], '2015-02-01'), portfolioEnded(MEMBER, '2015-12-31'))
        .when(assignPortfolio(MEMBER, ['zy-edu'], '2015-12-31'))
        .thenThrows('PORTFOLIO.OVERLAP');
    });

    it('ends a portfolio on its last day', () => {
      withMember(portfolioAssigned(MEMBER, ['zy-fin'], '2015-02-01'))
        .when(endPortfolio(MEMBER, '2015-12-31'))
        .then([portfolioEnded(MEMBER, '2015-12-31')]);
    });

    it('PORTFOLIO.NOT_ASSIGNED: only an open portfolio can be ended', () => {
      withMember().when(endPortfolio(MEMBER, '2015-12-31')).thenThrows('PORTFOLIO.NOT_ASSIGNED', 'conflict');
    });

    it('PORTFOLIO.END_BEFORE_START: a portfolio cannot end before it starts', () => {
      withMember(portfolioAssigned(MEMBER, ['zy-fin'], '2015-02-01'))
        .when(endPortfolio(MEMBER, '2015-01-31'))
        .thenThrows('PORTFOLIO.END_BEFORE_START');
    });
  });

  describe('posts table', () => {
    it('every unit kind has posts, and every exclusive post exists in some kind of unit', () => {
      for (const kind of UNIT_KINDS) expect(POSTS_BY_UNIT_KIND[kind].length).toBeGreaterThan(0);
      for (const post of EXCLUSIVE_POSTS) expect(UNIT_KINDS.some((kind) => POSTS_BY_UNIT_KIND[kind].includes(post))).toBe(true);
    });
  });
});
