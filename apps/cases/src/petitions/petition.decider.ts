import { PETITION_CHANNELS, type PetitionChannel } from '@app/contracts';
import { dueDate, WorkingDayCalendar } from '@app/deadlines';
import {
  chinaDay,
  DomainError,
  fieldRule,
  isOneOf,
  requireDay,
  requiredText,
  requireStaffNumber,
  requireStaffNumbers,
  requireUnitCode,
  requireUuid,
  rule,
  unreachable,
  type Decider,
} from '@app/domain';
import {
  PETITION_ACTOR_ROLES,
  type AssignPetitionOfficers,
  type ConcludePetition,
  type NotifyReporter,
  type PetitionActor,
  type PetitionCommand,
  type ReadProtectedFields,
  type RegisterPetition,
  type ScreenPetition,
} from './petition.commands';
import {
  PETITION_RESULTS,
  REPORTER_NOTICES,
  type PetitionDeadline,
  type PetitionEvent,
  type PetitionRegistered,
  type PetitionResult,
  type PetitionScreeningEvent,
} from './petition.events';
import type { SealedField } from './petition-keyring';

/** What the rules need of a petition being handled here; the sealed values stay in the log. */
export interface PetitionInHand {
  readonly status: 'registered' | 'accepted' | 'transferred' | 'not_accepted' | 'repeat';
  readonly petitionId: string;
  readonly number: string;
  readonly receivingCommission: string;
  readonly channel: PetitionChannel;
  readonly named: boolean;
  readonly reportedPersons: readonly string[];
  readonly reportedUnits: readonly string[];
  readonly receivedOn: string;
  readonly registeredOn: string;
  readonly concernsOwnLeader: boolean;
  readonly acceptanceNoticeDueOn?: string;
  readonly acceptanceNotifiedOn?: string;
  readonly forwardDueOn?: string;
  readonly officers: readonly string[];
  readonly screenedOn?: string;
  readonly result?: PetitionResult;
  readonly concludedOn?: string;
  readonly resultNoticeDueOn?: string;
  readonly resultNotifiedOn?: string;
  /** Deadlines recorded as missed, each once. */
  readonly missed: readonly PetitionDeadline[];
}

/** A petition forwarded to the higher commission: only the stub stays here. */
export interface ForwardedStub {
  readonly status: 'forwarded';
  readonly petitionId: string;
  readonly number: string;
  readonly receivingCommission: string;
  readonly receivedOn: string;
  readonly registeredOn: string;
  readonly forwardedTo: string;
  readonly forwardedOn: string;
  readonly forwardDueOn: string;
}

export type PetitionState = { readonly status: 'absent' } | PetitionInHand | ForwardedStub;
export type ExistingPetition = Exclude<PetitionState, { status: 'absent' }>;

const MAX_NAMED = 50;
const MAX_REASON = 500;

export const petitionDecider: Decider<PetitionState, PetitionCommand, PetitionEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: PetitionCommand, state: PetitionState): readonly PetitionEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'RegisterPetition':
      return register(command.data, state, today);
    case 'AssignPetitionOfficers':
      return assign(command.data, state, today);
    case 'ReadProtectedFields':
      return readProtected(command.data, state, command.metadata.now);
    case 'ScreenPetition':
      return screen(command.data, state, today);
    case 'NotifyReporter':
      return notify(command.data, state, today);
    case 'ConcludePetition':
      return conclude(command.data, state, today);
    case 'MarkPetitionDeadlinesMissed':
      return markMissed(state, today);
    default:
      return unreachable(command);
  }
}

function register(data: RegisterPetition['data'], state: PetitionState, today: string): readonly PetitionEvent[] {
  const actor = petitionOffice(data.actor);
  rule(state.status === 'absent', 'PETITION.ALREADY_REGISTERED', `petition ${data.petitionId} exists already`, 'conflict');
  const petitionId = requireUuid(data.petitionId, 'petitionId');
  const channel = data.channel;
  fieldRule(isOneOf(PETITION_CHANNELS, channel), 'PETITION.INVALID_CHANNEL', 'channel is not a petition channel', 'channel');
  fieldRule(typeof data.named === 'boolean', 'PETITION.INVALID_NAMED', 'named must be true or false', 'named');
  if (data.named) {
    fieldRule(data.reporter !== undefined, 'PETITION.REPORTER_REQUIRED', 'a named petition gives its reporter and contact', 'reporter');
    requireSealed(data.reporter.name, 'reporter.name');
    requireSealed(data.reporter.contact, 'reporter.contact');
  } else {
    fieldRule(data.reporter === undefined, 'PETITION.ANONYMOUS_WITH_REPORTER', 'an anonymous petition has no reporter', 'reporter');
  }
  requireSealed(data.content, 'content');
  const reportedPersons = distinct(data.reportedPersons, 'reportedPersons', requireStaffNumber);
  const reportedUnits = distinct(data.reportedUnits, 'reportedUnits', requireUnitCode);
  fieldRule(
    reportedPersons.length + reportedUnits.length > 0,
    'PETITION.NOTHING_REPORTED',
    'a petition reports on at least one person or unit',
    'reportedPersons',
  );
  requireDay(data.receivedOn, 'receivedOn');
  fieldRule(data.receivedOn <= today, 'PETITION.RECEIVED_IN_FUTURE', `receivedOn is after today (${today})`, 'receivedOn');
  const acceptanceNoticeDueOn = data.named ? dueDate(data.acceptanceNoticeRule, data.receivedOn, WorkingDayCalendar.china()) : undefined;
  const concernsOwnLeader = reportedPersons.some((person) => data.commissionLeaders.includes(person));
  const forwardDueOn = concernsOwnLeader ? dueDate(data.forwardRule, data.receivedOn, WorkingDayCalendar.china()) : undefined;
  const event: PetitionRegistered = {
    type: 'PetitionRegistered',
    data: {
      petitionId,
      number: `XF-${data.receivedOn.slice(0, 4)}-${petitionId.slice(0, 8).toUpperCase()}`,
      receivingCommission: requireUnitCode(data.receivingCommission, 'receivingCommission'),
      channel,
      named: data.named,
      ...(data.reporter ? { reporter: { name: data.reporter.name, contact: data.reporter.contact } } : {}),
      content: data.content,
      reportedPersons,
      reportedUnits,
      receivedOn: data.receivedOn,
      registeredOn: today,
      registeredBy: actor.staffNumber,
      concernsOwnLeader,
      ...(acceptanceNoticeDueOn ? { acceptanceNoticeDueOn } : {}),
      ...(forwardDueOn ? { forwardDueOn } : {}),
    },
  };
  return [event];
}

function assign(data: AssignPetitionOfficers['data'], state: PetitionState, today: string): readonly PetitionEvent[] {
  const actor = petitionOffice(data.actor);
  const petition = inHand(state);
  const officers = requireStaffNumbers(data.officers, 'officers', 'PETITION.NO_OFFICERS');
  fieldRule(officers.length <= MAX_NAMED, 'PETITION.TOO_MANY', `at most ${MAX_NAMED} officers at once`, 'officers');
  fieldRule(
    officers.every((officer) => !petition.reportedPersons.includes(officer)),
    'PETITION.OFFICER_NAMED',
    'a person the petition reports on never handles it',
    'officers',
  );
  const added = officers.filter((officer) => !petition.officers.includes(officer));
  if (added.length === 0) return [];
  return [{ type: 'PetitionOfficersAssigned', data: { officers: added, on: today, by: actor.staffNumber } }];
}

/**
 * Every attempt is recorded: the assigned officers and the commission's secretary that day read;
 * anyone else — and anyone the petition reports on, and anyone once it has been forwarded — is
 * refused, and the refusal is the event.
 */
function readProtected(data: ReadProtectedFields['data'], state: PetitionState, now: Date): readonly PetitionEvent[] {
  const actor = validActor(data.actor);
  rule(state.status !== 'absent', 'PETITION.NOT_FOUND', 'no such petition', 'not_found');
  const reason = requiredText(data.reason, 'reason', MAX_REASON, 'PETITION.REASON_REQUIRED');
  const at = now.toISOString();
  const denied = (ground: 'not_assigned' | 'named_in_petition' | 'forwarded'): readonly PetitionEvent[] => [
    { type: 'PetitionProtectedReadDenied', data: { by: actor.staffNumber, at, reason, ground } },
  ];
  if (state.status === 'forwarded') return denied('forwarded');
  if (state.reportedPersons.includes(actor.staffNumber)) return denied('named_in_petition');
  const as = state.officers.includes(actor.staffNumber)
    ? 'assigned_officer'
    : actor.roles.includes('approving_secretary')
      ? 'approving_secretary'
      : undefined;
  if (!as) return denied('not_assigned');
  return [{ type: 'PetitionProtectedFieldsRead', data: { by: actor.staffNumber, at, reason, as } }];
}

function screen(data: ScreenPetition['data'], state: PetitionState, today: string): readonly PetitionEvent[] {
  const actor = petitionOffice(data.actor);
  const petition = inHand(state);
  rule(petition.status === 'registered', 'PETITION.ALREADY_SCREENED', `petition ${petition.number} was screened already`, 'conflict');
  const decision = data.decision;
  rule(
    !petition.concernsOwnLeader || decision.outcome === 'forwarded',
    'PETITION.MUST_GO_HIGHER',
    'a petition about the commission’s own secretary goes to the higher commission',
    'conflict',
  );
  const screened = { petitionId: petition.petitionId, receivingCommission: petition.receivingCommission, on: today, by: actor.staffNumber };
  const event = ((): PetitionScreeningEvent => {
    switch (decision.outcome) {
      case 'accepted':
        return { type: 'PetitionAccepted', data: screened };
      case 'forwarded': {
        rule(
          decision.higherCommission !== null,
          'PETITION.NO_HIGHER_COMMISSION',
          `the registry has no commission above ${petition.receivingCommission} today`,
          'conflict',
        );
        const dueOn = dueDate(decision.forwardRule, petition.receivedOn, WorkingDayCalendar.china());
        return { type: 'PetitionForwarded', data: { ...screened, to: decision.higherCommission, dueOn } };
      }
      case 'transferred': {
        const to = requireUnitCode(decision.to, 'to');
        fieldRule(
          to !== petition.receivingCommission && decision.higherOfTarget === petition.receivingCommission,
          'PETITION.NOT_LOWER_COMMISSION',
          `${to} is not a commission directly below ${petition.receivingCommission} today`,
          'to',
        );
        return { type: 'PetitionTransferred', data: { ...screened, to } };
      }
      case 'not_accepted':
        return {
          type: 'PetitionNotAccepted',
          data: { ...screened, reason: requiredText(decision.reason, 'reason', MAX_REASON, 'PETITION.REASON_REQUIRED') },
        };
      case 'repeat': {
        const repeatOf = requireUuid(decision.repeatOf, 'repeatOf');
        fieldRule(repeatOf !== petition.petitionId, 'PETITION.REPEAT_OF_ITSELF', 'a petition does not repeat itself', 'repeatOf');
        fieldRule(decision.earlierCommission !== null, 'PETITION.EARLIER_NOT_FOUND', `no petition ${repeatOf}`, 'repeatOf');
        fieldRule(
          decision.earlierCommission === petition.receivingCommission,
          'PETITION.EARLIER_ELSEWHERE',
          `petition ${repeatOf} was received by another commission`,
          'repeatOf',
        );
        return { type: 'PetitionMarkedRepeat', data: { ...screened, repeatOf } };
      }
      default:
        return unreachable(decision);
    }
  })();
  return [event];
}

/**
 * Telling a named reporter: of acceptance once the petition is screened here (a transferred one is
 * told by the commission it went to), of the result once it is concluded. Again on the same day is
 * the same notice; another day is a conflict.
 */
function notify(data: NotifyReporter['data'], state: PetitionState, today: string): readonly PetitionEvent[] {
  const petition = inHand(state);
  const actor = handlingOfficer(data.actor, petition);
  fieldRule(isOneOf(REPORTER_NOTICES, data.notice), 'PETITION.INVALID_NOTICE', 'notice is acceptance or result', 'notice');
  rule(petition.named, 'PETITION.ANONYMOUS', `petition ${petition.number} is anonymous: there is no reporter to tell`, 'conflict');
  requireDay(data.sentOn, 'sentOn');
  fieldRule(data.sentOn <= today, 'PETITION.SENT_IN_FUTURE', `sentOn is after today (${today})`, 'sentOn');
  const { dueOn, doneOn, from } =
    data.notice === 'acceptance'
      ? (() => {
          rule(petition.status !== 'registered', 'PETITION.NOT_SCREENED', `petition ${petition.number} is not screened yet`, 'conflict');
          rule(
            petition.acceptanceNoticeDueOn !== undefined,
            'PETITION.NO_NOTICE_DUE',
            `petition ${petition.number} was transferred: the commission it went to tells the reporter`,
            'conflict',
          );
          return { dueOn: petition.acceptanceNoticeDueOn, doneOn: petition.acceptanceNotifiedOn, from: petition.receivedOn };
        })()
      : (() => {
          rule(
            petition.concludedOn !== undefined,
            'PETITION.NOT_CONCLUDED',
            `petition ${petition.number} is not concluded yet`,
            'conflict',
          );
          return { dueOn: petition.resultNoticeDueOn!, doneOn: petition.resultNotifiedOn, from: petition.concludedOn };
        })();
  if (doneOn !== undefined) {
    rule(doneOn === data.sentOn, 'PETITION.ALREADY_NOTIFIED', `the reporter was told on ${doneOn}`, 'conflict');
    return [];
  }
  fieldRule(data.sentOn >= from, 'PETITION.SENT_TOO_EARLY', `sentOn is before ${from}`, 'sentOn');
  return [
    {
      type: 'PetitionReporterNotified',
      data: {
        petitionId: petition.petitionId,
        receivingCommission: petition.receivingCommission,
        notice: data.notice,
        sentOn: data.sentOn,
        dueOn,
        late: data.sentOn > dueOn,
        by: actor.staffNumber,
      },
    },
  ];
}

/** An accepted petition dealt with (办结); the same result again changes nothing. */
function conclude(data: ConcludePetition['data'], state: PetitionState, today: string): readonly PetitionEvent[] {
  const petition = inHand(state);
  const actor = handlingOfficer(data.actor, petition);
  fieldRule(isOneOf(PETITION_RESULTS, data.result), 'PETITION.INVALID_RESULT', `result is one of ${PETITION_RESULTS.join(', ')}`, 'result');
  if (petition.result !== undefined) {
    rule(
      petition.result === data.result,
      'PETITION.ALREADY_CONCLUDED',
      `petition ${petition.number} was concluded as ${petition.result}`,
      'conflict',
    );
    return [];
  }
  rule(
    petition.status === 'accepted',
    'PETITION.NOT_ACCEPTED',
    `only an accepted petition is concluded here (it is ${petition.status})`,
    'conflict',
  );
  const resultNoticeDueOn = petition.named ? dueDate(data.resultNoticeRule, today, WorkingDayCalendar.china()) : undefined;
  return [
    {
      type: 'PetitionConcluded',
      data: {
        petitionId: petition.petitionId,
        receivingCommission: petition.receivingCommission,
        result: data.result,
        on: today,
        by: actor.staffNumber,
        ...(resultNoticeDueOn ? { resultNoticeDueOn } : {}),
      },
    },
  ];
}

/** A deadline of a petition not met yet: its day, and whether it was recorded as missed. */
export interface PendingDeadline {
  readonly deadline: PetitionDeadline;
  readonly dueOn: string;
  readonly missed: boolean;
}

/** The petition's deadlines still to be met: a notice not sent, a forward not made. */
export function pendingDeadlines(state: PetitionState): PendingDeadline[] {
  if (state.status === 'absent' || state.status === 'forwarded') return [];
  const open: [PetitionDeadline, string | undefined, boolean][] = [
    ['acceptance_notice', state.acceptanceNoticeDueOn, state.acceptanceNotifiedOn === undefined],
    ['result_notice', state.resultNoticeDueOn, state.resultNotifiedOn === undefined],
    ['forward', state.forwardDueOn, state.status === 'registered'],
  ];
  return open
    .filter(([, dueOn, pending]) => dueOn !== undefined && pending)
    .map(([deadline, dueOn]) => ({ deadline, dueOn: dueOn!, missed: state.missed.includes(deadline) }));
}

/** Each deadline whose day has passed with nothing done, not recorded yet. */
function markMissed(state: PetitionState, today: string): readonly PetitionEvent[] {
  if (state.status === 'absent' || state.status === 'forwarded') return [];
  const { petitionId, receivingCommission } = state;
  return pendingDeadlines(state)
    .filter(({ dueOn, missed }) => !missed && dueOn < today)
    .map(({ deadline, dueOn }) => ({
      type: 'PetitionDeadlineMissed',
      data: { petitionId, receivingCommission, deadline, dueOn, markedOn: today },
    }));
}

function evolve(state: PetitionState, event: PetitionEvent): PetitionState {
  if (event.type === 'PetitionRegistered') {
    const { reporter: _reporter, content: _content, registeredBy: _by, ...kept } = event.data;
    return { ...kept, status: 'registered', officers: [], missed: [] };
  }
  if (state.status === 'absent' || state.status === 'forwarded') return state;
  switch (event.type) {
    case 'PetitionOfficersAssigned':
      return { ...state, officers: [...state.officers, ...event.data.officers] };
    case 'PetitionProtectedFieldsRead':
    case 'PetitionProtectedReadDenied':
      return state;
    case 'PetitionAccepted':
      return { ...state, status: 'accepted', screenedOn: event.data.on };
    case 'PetitionForwarded':
      return {
        status: 'forwarded',
        petitionId: state.petitionId,
        number: state.number,
        receivingCommission: state.receivingCommission,
        receivedOn: state.receivedOn,
        registeredOn: state.registeredOn,
        forwardedTo: event.data.to,
        forwardedOn: event.data.on,
        forwardDueOn: event.data.dueOn,
      };
    case 'PetitionTransferred':
      return { ...withoutNotice(state), status: 'transferred', screenedOn: event.data.on };
    case 'PetitionNotAccepted':
      return { ...state, status: 'not_accepted', screenedOn: event.data.on };
    case 'PetitionMarkedRepeat':
      return { ...state, status: 'repeat', screenedOn: event.data.on };
    case 'PetitionReporterNotified':
      return event.data.notice === 'acceptance'
        ? { ...state, acceptanceNotifiedOn: event.data.sentOn }
        : { ...state, resultNotifiedOn: event.data.sentOn };
    case 'PetitionConcluded':
      return {
        ...state,
        result: event.data.result,
        concludedOn: event.data.on,
        ...(event.data.resultNoticeDueOn ? { resultNoticeDueOn: event.data.resultNoticeDueOn } : {}),
      };
    case 'PetitionDeadlineMissed':
      return { ...state, missed: [...state.missed, event.data.deadline] };
    default:
      return unreachable(event);
  }
}

/** A transferred petition's reporter is told by the commission it went to. */
function withoutNotice(state: PetitionInHand): PetitionInHand {
  const { acceptanceNoticeDueOn: _due, ...rest } = state;
  return rest;
}

function inHand(state: PetitionState): PetitionInHand {
  rule(state.status !== 'absent', 'PETITION.NOT_FOUND', 'no such petition', 'not_found');
  rule(
    state.status !== 'forwarded',
    'PETITION.FORWARDED',
    `petition ${state.number} was forwarded to ${state.status === 'forwarded' ? state.forwardedTo : ''}`,
    'conflict',
  );
  return state;
}

function validActor(value: unknown): PetitionActor {
  fieldRule(typeof value === 'object' && value !== null, 'ACTOR.INVALID', 'the actor is missing', 'actor');
  const { staffNumber, roles } = value as Partial<Record<keyof PetitionActor, unknown>>;
  fieldRule(
    Array.isArray(roles) && roles.every((role) => isOneOf(PETITION_ACTOR_ROLES, role)),
    'ACTOR.INVALID',
    'the actor’s roles are not known roles',
    'actor.roles',
  );
  return { staffNumber: requireStaffNumber(staffNumber, 'actor.staffNumber'), roles };
}

/** Registering, assigning and screening are the receiving commission's petition office's (信访室). */
function petitionOffice(value: unknown): PetitionActor {
  const actor = validActor(value);
  if (!actor.roles.includes('petition_office')) {
    throw new DomainError(
      'PETITION.NOT_PETITION_OFFICE',
      `${actor.staffNumber} does not act for the receiving commission’s petition office`,
      'forbidden',
    );
  }
  return actor;
}

/** Notices and conclusions are the petition office's or an assigned officer's (承办人). */
function handlingOfficer(value: unknown, petition: PetitionInHand): PetitionActor {
  const actor = validActor(value);
  rule(
    actor.roles.includes('petition_office') || petition.officers.includes(actor.staffNumber),
    'PETITION.NOT_HANDLING',
    `${actor.staffNumber} neither acts for the petition office nor handles petition ${petition.number}`,
    'forbidden',
  );
  return actor;
}

/** A sealed value as the handler made it; never inspected beyond its shape. */
function requireSealed(value: unknown, field: string): asserts value is SealedField {
  const sealed = value as Partial<SealedField> | undefined;
  fieldRule(
    typeof sealed === 'object' && sealed !== null && typeof sealed.kid === 'string' && typeof sealed.ciphertext === 'string',
    'PETITION.NOT_SEALED',
    `${field} is not sealed`,
    field,
  );
}

function distinct(value: unknown, field: string, check: (item: unknown, field: string) => string): readonly string[] {
  fieldRule(Array.isArray(value), 'PETITION.INVALID_LIST', `${field} must be a list`, field);
  fieldRule(value.length <= MAX_NAMED, 'PETITION.TOO_MANY', `${field} lists at most ${MAX_NAMED}`, field);
  return [...new Set((value as readonly unknown[]).map((item, index) => check(item, `${field}[${index}]`)))];
}
