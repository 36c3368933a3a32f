import { NATIONAL, NATIONAL_DEFAULT_RULES, RULE_NAMES, RuleBook } from '@app/deadlines';
import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { PetitionActor, PetitionCommand, PetitionScreeningDecision, RegisterPetition } from './petition.commands';
import { petitionDecider } from './petition.decider';
import type { PetitionEvent, PetitionRegistered } from './petition.events';

const book = new RuleBook(NATIONAL_DEFAULT_RULES);
const ruleOf = (name: string) => book.resolve(name, [NATIONAL], '2024-05-27');
const petitionId = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const earlierId = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const office: PetitionActor = { staffNumber: 'S-OFFICE', roles: ['petition_office'] };
const secretary: PetitionActor = { staffNumber: 'S-SEC', roles: ['approving_secretary'] };
const officer: PetitionActor = { staffNumber: 'S-OFF1', roles: [] };
const stranger: PetitionActor = { staffNumber: 'S-OTHER', roles: [] };
const sealed = (text: string) => ({ kid: 'k1', ciphertext: `sm4ctr-hmacsm3.v1:${text}` });
const metadata = testMetadata({ now: new Date('2024-06-01T02:00:00Z') });

function registration(overrides: Partial<RegisterPetition['data']> = {}): PetitionCommand {
  return {
    type: 'RegisterPetition',
    data: {
      petitionId,
      receivingCommission: 'JW-JS',
      channel: 'letter',
      named: true,
      reporter: { name: sealed('name'), contact: sealed('contact') },
      content: sealed('content'),
      reportedPersons: ['S-CHIEF'],
      reportedUnits: ['JS-EDU'],
      receivedOn: '2024-05-27',
      commissionLeaders: ['S-SEC'],
      acceptanceNoticeRule: ruleOf(RULE_NAMES.reporterAcceptanceNotice),
      forwardRule: ruleOf(RULE_NAMES.petitionForward),
      actor: office,
      ...overrides,
    },
    metadata,
  };
}

const registered = (overrides: Partial<PetitionRegistered['data']> = {}): PetitionRegistered => ({
  type: 'PetitionRegistered',
  data: {
    petitionId,
    number: 'XF-2024-6F1C2D3E',
    receivingCommission: 'JW-JS',
    channel: 'letter',
    named: true,
    reporter: { name: sealed('name'), contact: sealed('contact') },
    content: sealed('content'),
    reportedPersons: ['S-CHIEF'],
    reportedUnits: ['JS-EDU'],
    receivedOn: '2024-05-27',
    registeredOn: '2024-06-01',
    registeredBy: 'S-OFFICE',
    concernsOwnLeader: false,
    acceptanceNoticeDueOn: '2024-06-18',
    ...overrides,
  },
});
const assigned: PetitionEvent = { type: 'PetitionOfficersAssigned', data: { officers: ['S-OFF1'], on: '2024-06-01', by: 'S-OFFICE' } };

const read = (actor: PetitionActor, reason = '核查需要'): PetitionCommand => ({
  type: 'ReadProtectedFields',
  data: { petitionId, reason, actor },
  metadata,
});
const screen = (decision: PetitionScreeningDecision, actor = office): PetitionCommand => ({
  type: 'ScreenPetition',
  data: { petitionId, decision, actor },
  metadata,
});
const forward = (higherCommission: string | null = 'JW-ZZ'): PetitionScreeningDecision => ({
  outcome: 'forwarded',
  higherCommission,
  forwardRule: ruleOf(RULE_NAMES.petitionForward),
});
const spec = deciderSpec(petitionDecider);
const screened = { petitionId, receivingCommission: 'JW-JS', on: '2024-06-01', by: 'S-OFFICE' };

describe('petition decider', () => {
  describe('registration', () => {
    it('records a named petition sealed, with the acceptance notice due 15 working days after receipt', () => {
      spec.given([]).when(registration()).then([registered()]);
    });

    it('an anonymous petition has no reporter and no acceptance notice', () => {
      const { reporter: _r, acceptanceNoticeDueOn: _d, ...anonymous } = registered({ named: false }).data;
      spec
        .given([])
        .when(registration({ named: false, reporter: undefined }))
        .then([{ type: 'PetitionRegistered', data: anonymous }]);
      spec
        .given([])
        .when(registration({ named: false }))
        .thenThrows('PETITION.ANONYMOUS_WITH_REPORTER', 'invalid');
    });

    it('a named petition needs its reporter', () => {
      spec
        .given([])
        .when(registration({ reporter: undefined }))
        .thenThrows('PETITION.REPORTER_REQUIRED', 'invalid');
    });

    it('protected values arrive sealed, never in clear', () => {
      spec
        .given([])
        .when(registration({ content: '举报内容' as never }))
        .thenThrows('PETITION.NOT_SEALED', 'invalid');
    });

    it('only the receiving commission’s petition office registers', () => {
      spec
        .given([])
        .when(registration({ actor: stranger }))
        .thenThrows('PETITION.NOT_PETITION_OFFICE', 'forbidden');
    });

    it('a report about the commission’s own secretary is marked for the higher commission', () => {
      spec
        .given([])
        .when(registration({ reportedPersons: ['S-SEC'] }))
        .then([registered({ reportedPersons: ['S-SEC'], concernsOwnLeader: true, forwardDueOn: '2024-06-03' })]);
    });

    it('refuses unknown channels, nothing reported, a day in the future and a second registration', () => {
      spec
        .given([])
        .when(registration({ channel: 'email' }))
        .thenThrows('PETITION.INVALID_CHANNEL');
      spec
        .given([])
        .when(registration({ reportedPersons: [], reportedUnits: [] }))
        .thenThrows('PETITION.NOTHING_REPORTED');
      spec
        .given([])
        .when(registration({ receivedOn: '2024-06-02' }))
        .thenThrows('PETITION.RECEIVED_IN_FUTURE');
      spec.given([registered()]).when(registration()).thenThrows('PETITION.ALREADY_REGISTERED', 'conflict');
    });
  });

  describe('assignment', () => {
    const assign = (officers: string[], actor = office): PetitionCommand => ({
      type: 'AssignPetitionOfficers',
      data: { petitionId, officers, actor },
      metadata,
    });

    it('the petition office assigns officers; assigning them again changes nothing', () => {
      spec
        .given([registered()])
        .when(assign(['S-OFF1']))
        .then([assigned]);
      spec
        .given([registered(), assigned])
        .when(assign(['S-OFF1']))
        .thenNothing();
    });

    it('nobody the petition reports on handles it, and only the petition office assigns', () => {
      spec
        .given([registered()])
        .when(assign(['S-CHIEF']))
        .thenThrows('PETITION.OFFICER_NAMED', 'invalid');
      spec
        .given([registered()])
        .when(assign(['S-OFF1'], officer))
        .thenThrows('PETITION.NOT_PETITION_OFFICE', 'forbidden');
      spec
        .given([])
        .when(assign(['S-OFF1']))
        .thenThrows('PETITION.NOT_FOUND', 'not_found');
    });
  });

  describe('reading the protected fields', () => {
    const at = metadata.now.toISOString();

    it('an assigned officer reads, and the read is recorded with who, when and why', () => {
      spec
        .given([registered(), assigned])
        .when(read(officer))
        .then([{ type: 'PetitionProtectedFieldsRead', data: { by: 'S-OFF1', at, reason: '核查需要', as: 'assigned_officer' } }]);
    });

    it('the approving secretary reads', () => {
      spec
        .given([registered()])
        .when(read(secretary))
        .then([{ type: 'PetitionProtectedFieldsRead', data: { by: 'S-SEC', at, reason: '核查需要', as: 'approving_secretary' } }]);
    });

    it('anyone else is refused, and the refusal is recorded', () => {
      spec
        .given([registered(), assigned])
        .when(read(stranger))
        .then([{ type: 'PetitionProtectedReadDenied', data: { by: 'S-OTHER', at, reason: '核查需要', ground: 'not_assigned' } }]);
      spec
        .given([registered(), assigned])
        .when(read(office))
        .then([{ type: 'PetitionProtectedReadDenied', data: { by: 'S-OFFICE', at, reason: '核查需要', ground: 'not_assigned' } }]);
    });

    it('the secretary a petition reports on never reads it', () => {
      spec
        .given([registered({ reportedPersons: ['S-SEC'], concernsOwnLeader: true })])
        .when(read(secretary))
        .then([{ type: 'PetitionProtectedReadDenied', data: { by: 'S-SEC', at, reason: '核查需要', ground: 'named_in_petition' } }]);
    });

    it('after forwarding, nobody here reads it', () => {
      const forwarded: PetitionEvent = {
        type: 'PetitionForwarded',
        data: { petitionId, receivingCommission: 'JW-JS', on: '2024-06-01', by: 'S-OFFICE', to: 'JW-ZZ', dueOn: '2024-06-03' },
      };
      spec
        .given([registered(), assigned, forwarded])
        .when(read(officer))
        .then([{ type: 'PetitionProtectedReadDenied', data: { by: 'S-OFF1', at, reason: '核查需要', ground: 'forwarded' } }]);
    });

    it('a read states its reason', () => {
      spec.given([registered(), assigned]).when(read(officer, '  ')).thenThrows('PETITION.REASON_REQUIRED', 'invalid');
    });
  });

  describe('screening', () => {
    it('accepts within this commission’s remit', () => {
      const state = spec
        .given([registered()])
        .when(screen({ outcome: 'accepted' }))
        .then([{ type: 'PetitionAccepted', data: screened }]);
      expect(state).toMatchObject({ status: 'accepted', acceptanceNoticeDueOn: '2024-06-18' });
    });

    it('forwards to the higher commission within 5 working days of receipt, keeping only a stub', () => {
      const state = spec
        .given([registered(), assigned])
        .when(screen(forward()))
        .then([{ type: 'PetitionForwarded', data: { ...screened, to: 'JW-ZZ', dueOn: '2024-06-03' } }]);
      expect(state).toEqual({
        status: 'forwarded',
        petitionId,
        number: 'XF-2024-6F1C2D3E',
        receivingCommission: 'JW-JS',
        receivedOn: '2024-05-27',
        registeredOn: '2024-06-01',
        forwardedTo: 'JW-ZZ',
        forwardedOn: '2024-06-01',
        forwardDueOn: '2024-06-03',
      });
      spec
        .given([registered()])
        .when(screen(forward(null)))
        .thenThrows('PETITION.NO_HIGHER_COMMISSION', 'conflict');
    });

    it('a petition about the commission’s own secretary goes nowhere but to the higher commission', () => {
      const own = registered({ reportedPersons: ['S-SEC'], concernsOwnLeader: true });
      spec
        .given([own])
        .when(screen({ outcome: 'accepted' }))
        .thenThrows('PETITION.MUST_GO_HIGHER', 'conflict');
      spec
        .given([own])
        .when(screen({ outcome: 'transferred', to: 'JW-LOW', higherOfTarget: 'JW-JS' }))
        .thenThrows('PETITION.MUST_GO_HIGHER', 'conflict');
      spec
        .given([own])
        .when(screen({ outcome: 'not_accepted', reason: '不属于受理范围' }))
        .thenThrows('PETITION.MUST_GO_HIGHER');
      spec
        .given([own])
        .when(screen(forward()))
        .then([{ type: 'PetitionForwarded', data: { ...screened, to: 'JW-ZZ', dueOn: '2024-06-03' } }]);
    });

    it('transfers only to a commission directly below, and the reporter is then told by that one', () => {
      const state = spec
        .given([registered()])
        .when(screen({ outcome: 'transferred', to: 'JW-LOW', higherOfTarget: 'JW-JS' }))
        .then([{ type: 'PetitionTransferred', data: { ...screened, to: 'JW-LOW' } }]);
      expect(state).not.toHaveProperty('acceptanceNoticeDueOn');
      spec
        .given([registered()])
        .when(screen({ outcome: 'transferred', to: 'JW-ELSE', higherOfTarget: 'JW-OTHER' }))
        .thenThrows('PETITION.NOT_LOWER_COMMISSION', 'invalid');
    });

    it('does not accept, with a reason', () => {
      spec
        .given([registered()])
        .when(screen({ outcome: 'not_accepted', reason: '不属于纪检监察机关受理范围' }))
        .then([{ type: 'PetitionNotAccepted', data: { ...screened, reason: '不属于纪检监察机关受理范围' } }]);
      spec
        .given([registered()])
        .when(screen({ outcome: 'not_accepted', reason: '' }))
        .thenThrows('PETITION.REASON_REQUIRED');
    });

    it('links a repeat to an earlier petition of the same commission', () => {
      spec
        .given([registered()])
        .when(screen({ outcome: 'repeat', repeatOf: earlierId, earlierCommission: 'JW-JS' }))
        .then([{ type: 'PetitionMarkedRepeat', data: { ...screened, repeatOf: earlierId } }]);
      spec
        .given([registered()])
        .when(screen({ outcome: 'repeat', repeatOf: earlierId, earlierCommission: null }))
        .thenThrows('PETITION.EARLIER_NOT_FOUND');
      spec
        .given([registered()])
        .when(screen({ outcome: 'repeat', repeatOf: earlierId, earlierCommission: 'JW-OTHER' }))
        .thenThrows('PETITION.EARLIER_ELSEWHERE');
      spec
        .given([registered()])
        .when(screen({ outcome: 'repeat', repeatOf: petitionId, earlierCommission: 'JW-JS' }))
        .thenThrows('PETITION.REPEAT_OF_ITSELF');
    });

    it('screens once, by the petition office, and a forwarded petition takes no further command', () => {
      const accepted: PetitionEvent = { type: 'PetitionAccepted', data: screened };
      spec
        .given([registered(), accepted])
        .when(screen({ outcome: 'accepted' }))
        .thenThrows('PETITION.ALREADY_SCREENED', 'conflict');
      spec
        .given([registered()])
        .when(screen({ outcome: 'accepted' }, officer))
        .thenThrows('PETITION.NOT_PETITION_OFFICE', 'forbidden');
      const forwarded: PetitionEvent = { type: 'PetitionForwarded', data: { ...screened, to: 'JW-ZZ', dueOn: '2024-06-03' } };
      spec
        .given([registered(), forwarded])
        .when(screen({ outcome: 'accepted' }))
        .thenThrows('PETITION.FORWARDED', 'conflict');
    });
  });

  describe('reporter notices, conclusion and missed deadlines', () => {
    const on = (day: string) => testMetadata({ now: new Date(`${day}T02:00:00Z`) });
    const accepted: PetitionEvent = { type: 'PetitionAccepted', data: screened };
    const notify = (notice: string, sentOn: string, actor: PetitionActor = office, day = '2024-06-01'): PetitionCommand => ({
      type: 'NotifyReporter',
      data: { petitionId, notice, sentOn, actor },
      metadata: on(day),
    });
    const conclude = (result: string, actor: PetitionActor = office, day = '2024-06-01'): PetitionCommand => ({
      type: 'ConcludePetition',
      data: { petitionId, result, resultNoticeRule: ruleOf(RULE_NAMES.reporterResultNotice), actor },
      metadata: on(day),
    });
    const markMissed = (day: string): PetitionCommand => ({ type: 'MarkPetitionDeadlinesMissed', data: { petitionId }, metadata: on(day) });
    const notified = (notice: 'acceptance' | 'result', sentOn: string, dueOn: string, late = false, by = 'S-OFFICE'): PetitionEvent => ({
      type: 'PetitionReporterNotified',
      data: { petitionId, receivingCommission: 'JW-JS', notice, sentOn, dueOn, late, by },
    });
    // Saturday 2024-06-01 + 15 working days: the Dragon Boat holiday (Monday 2024-06-10) is not one.
    const concluded: PetitionEvent = {
      type: 'PetitionConcluded',
      data: {
        petitionId,
        receivingCommission: 'JW-JS',
        result: 'partly_substantiated',
        on: '2024-06-01',
        by: 'S-OFFICE',
        resultNoticeDueOn: '2024-06-24',
      },
    };

    it('tells a named reporter of acceptance once screened, on time or late, and the same notice again changes nothing', () => {
      spec
        .given([registered(), accepted])
        .when(notify('acceptance', '2024-05-31'))
        .then([notified('acceptance', '2024-05-31', '2024-06-18')]);
      spec
        .given([registered(), accepted])
        .when(notify('acceptance', '2024-06-19', office, '2024-06-20'))
        .then([notified('acceptance', '2024-06-19', '2024-06-18', true)]);
      const told = notified('acceptance', '2024-05-31', '2024-06-18');
      spec.given([registered(), accepted, told]).when(notify('acceptance', '2024-05-31')).then([]);
      spec
        .given([registered(), accepted, told])
        .when(notify('acceptance', '2024-06-01'))
        .thenThrows('PETITION.ALREADY_NOTIFIED', 'conflict');
    });

    it('refuses a notice before screening, for an anonymous or transferred petition, in the future, before receipt, or by someone not handling it', () => {
      spec.given([registered()]).when(notify('acceptance', '2024-06-01')).thenThrows('PETITION.NOT_SCREENED', 'conflict');
      const { reporter: _r, acceptanceNoticeDueOn: _d, ...anonymous } = registered({ named: false }).data;
      spec
        .given([{ type: 'PetitionRegistered', data: anonymous }, accepted])
        .when(notify('acceptance', '2024-06-01'))
        .thenThrows('PETITION.ANONYMOUS', 'conflict');
      const transferred: PetitionEvent = { type: 'PetitionTransferred', data: { ...screened, to: 'JW-XZ' } };
      spec.given([registered(), transferred]).when(notify('acceptance', '2024-06-01')).thenThrows('PETITION.NO_NOTICE_DUE', 'conflict');
      spec.given([registered(), accepted]).when(notify('acceptance', '2024-06-02')).thenThrows('PETITION.SENT_IN_FUTURE');
      spec.given([registered(), accepted]).when(notify('acceptance', '2024-05-26')).thenThrows('PETITION.SENT_TOO_EARLY');
      spec.given([registered(), accepted]).when(notify('receipt', '2024-06-01')).thenThrows('PETITION.INVALID_NOTICE');
      spec
        .given([registered(), accepted])
        .when(notify('acceptance', '2024-06-01', stranger))
        .thenThrows('PETITION.NOT_HANDLING', 'forbidden');
      spec
        .given([registered(), assigned, accepted])
        .when(notify('acceptance', '2024-06-01', officer))
        .then([notified('acceptance', '2024-06-01', '2024-06-18', false, 'S-OFF1')]);
    });

    it('concludes an accepted petition once, with the result notice due 15 working days later for a named reporter', () => {
      spec.given([registered(), accepted]).when(conclude('partly_substantiated')).then([concluded]);
      spec.given([registered(), accepted, concluded]).when(conclude('partly_substantiated')).then([]);
      spec
        .given([registered(), accepted, concluded])
        .when(conclude('unsubstantiated'))
        .thenThrows('PETITION.ALREADY_CONCLUDED', 'conflict');
      spec.given([registered()]).when(conclude('unsubstantiated')).thenThrows('PETITION.NOT_ACCEPTED', 'conflict');
      spec.given([registered(), accepted]).when(conclude('maybe')).thenThrows('PETITION.INVALID_RESULT');
      spec.given([registered(), accepted]).when(conclude('unsubstantiated', stranger)).thenThrows('PETITION.NOT_HANDLING', 'forbidden');
      const { reporter: _r, acceptanceNoticeDueOn: _d, ...anonymous } = registered({ named: false }).data;
      const { resultNoticeDueOn: _due, ...withoutNotice } = concluded.data;
      spec
        .given([{ type: 'PetitionRegistered', data: anonymous }, accepted])
        .when(conclude('partly_substantiated'))
        .then([{ type: 'PetitionConcluded', data: withoutNotice }]);
    });

    it('tells the result only after the conclusion and not before its day', () => {
      spec.given([registered(), accepted]).when(notify('result', '2024-06-01')).thenThrows('PETITION.NOT_CONCLUDED', 'conflict');
      spec.given([registered(), accepted, concluded]).when(notify('result', '2024-05-31')).thenThrows('PETITION.SENT_TOO_EARLY');
      spec
        .given([registered(), accepted, concluded])
        .when(notify('result', '2024-06-25', office, '2024-06-25'))
        .then([notified('result', '2024-06-25', '2024-06-24', true)]);
    });

    it('records each deadline passed with nothing done, once, from the day after it', () => {
      const missed = (deadline: string, dueOn: string, markedOn: string): PetitionEvent =>
        ({
          type: 'PetitionDeadlineMissed',
          data: { petitionId, receivingCommission: 'JW-JS', deadline, dueOn, markedOn },
        }) as PetitionEvent;
      spec.given([registered(), accepted]).when(markMissed('2024-06-18')).then([]);
      spec
        .given([registered(), accepted])
        .when(markMissed('2024-06-19'))
        .then([missed('acceptance_notice', '2024-06-18', '2024-06-19')]);
      spec
        .given([registered(), accepted, missed('acceptance_notice', '2024-06-18', '2024-06-19')])
        .when(markMissed('2024-06-20'))
        .then([]);
      spec
        .given([registered(), accepted, notified('acceptance', '2024-05-31', '2024-06-18')])
        .when(markMissed('2024-06-19'))
        .then([]);
      spec
        .given([registered(), accepted, notified('acceptance', '2024-05-31', '2024-06-18'), concluded])
        .when(markMissed('2024-06-25'))
        .then([missed('result_notice', '2024-06-24', '2024-06-25')]);
      const own = registered({
        named: false,
        acceptanceNoticeDueOn: undefined,
        reportedPersons: ['S-SEC'],
        concernsOwnLeader: true,
        forwardDueOn: '2024-06-03',
      });
      spec
        .given([own])
        .when(markMissed('2024-06-04'))
        .then([missed('forward', '2024-06-03', '2024-06-04')]);
      const forwarded: PetitionEvent = { type: 'PetitionForwarded', data: { ...screened, to: 'JW-ZZ', dueOn: '2024-06-03' } };
      spec.given([own, forwarded]).when(markMissed('2024-06-04')).then([]);
    });
  });
});
