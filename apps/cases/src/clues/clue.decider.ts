import { dueDate, WorkingDayCalendar } from '@app/deadlines';
import {
  chinaDay,
  fieldRule,
  isOneOf,
  optionalText,
  requireDay,
  requireStaffNumber,
  requireStaffNumbers,
  requireUnitCode,
  requireUuid,
  rule,
  unreachable,
  type Decider,
} from '@app/domain';
import type { ApproveClueDisposal, ClueActor, ClueCommand, ProposeClueDisposal, RegisterClue, ReviewClue } from './clue.commands';
import {
  CLUE_DISPOSAL_METHODS,
  CLUE_SOURCES,
  type ClueDisposalMethod,
  type ClueEvent,
  type ClueSource,
  type ClueSubject,
  type RequiredApproval,
} from './clue.events';

export interface ClueReview {
  readonly reviewedOn: string;
  readonly participants: readonly string[];
  readonly by: string;
}

export interface ClueProposal {
  readonly method: ClueDisposalMethod;
  readonly approval: RequiredApproval;
  readonly proposedOn: string;
  readonly by: string;
}

export interface ClueInHand {
  readonly status: 'registered' | 'reviewed' | 'proposed' | 'approved';
  readonly clueId: string;
  readonly number: string;
  readonly commission: string;
  readonly source: ClueSource;
  readonly petitionId?: string;
  readonly reference?: string;
  readonly subjects: readonly ClueSubject[];
  readonly registeredOn: string;
  readonly recordedOn: string;
  readonly disposalDueOn: string;
  readonly reviews: readonly ClueReview[];
  readonly proposal?: ClueProposal;
  readonly approvedOn?: string;
  readonly approvedBy?: string;
  /** The disposal decision was recorded overdue (once). */
  readonly overdue: boolean;
}

export type ClueState = { readonly status: 'absent' } | ClueInHand;

const MAX_SUBJECTS = 50;
const MAX_PARTICIPANTS = 50;
/** A collective review (集体研判) has at least this many participants (platform default). */
export const MIN_REVIEW_PARTICIPANTS = 2;

export const clueDecider: Decider<ClueState, ClueCommand, ClueEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: ClueCommand, state: ClueState): readonly ClueEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'RegisterClue':
      return register(command.data, state, today);
    case 'ReviewClue':
      return review(command.data, state, today);
    case 'ProposeClueDisposal':
      return propose(command.data, state, today);
    case 'ApproveClueDisposal':
      return approve(command.data, state, today);
    case 'MarkClueOverdue':
      return markOverdue(state, today);
    default:
      return unreachable(command);
  }
}

function register(data: RegisterClue['data'], state: ClueState, today: string): readonly ClueEvent[] {
  const actor = forCommission(data.actor);
  rule(state.status === 'absent', 'CLUE.ALREADY_REGISTERED', `clue ${data.clueId} exists already`, 'conflict');
  const clueId = requireUuid(data.clueId, 'clueId');
  const commission = requireUnitCode(data.commission, 'commission');
  const source = data.source;
  fieldRule(isOneOf(CLUE_SOURCES, source), 'CLUE.INVALID_SOURCE', `source is one of ${CLUE_SOURCES.join(', ')}`, 'source');
  if (source === 'petition') {
    const petitionId = requireUuid(data.petitionId, 'petitionId');
    const petition = data.petition;
    fieldRule(petition, 'CLUE.PETITION_NOT_FOUND', `no petition ${petitionId}`, 'petitionId');
    fieldRule(
      petition.commission === commission,
      'CLUE.PETITION_ELSEWHERE',
      `petition ${petitionId} was received by another commission`,
      'petitionId',
    );
    fieldRule(
      petition.status === 'accepted',
      'CLUE.PETITION_NOT_ACCEPTED',
      `petition ${petitionId} is ${petition.status}, not accepted`,
      'petitionId',
    );
  } else {
    fieldRule(data.petitionId === undefined, 'CLUE.PETITION_WITHOUT_SOURCE', 'petitionId goes with source petition only', 'petitionId');
  }
  const reference = optionalText(data.reference, 'reference', 100);
  const subjects = requireSubjects(data.subjects);
  requireDay(data.registeredOn, 'registeredOn');
  fieldRule(data.registeredOn <= today, 'CLUE.REGISTERED_IN_FUTURE', `registeredOn is after today (${today})`, 'registeredOn');
  return [
    {
      type: 'ClueRegistered',
      data: {
        clueId,
        number: `XS-${data.registeredOn.slice(0, 4)}-${clueId.slice(0, 8).toUpperCase()}`,
        commission,
        source,
        ...(source === 'petition' ? { petitionId: data.petitionId!.toLowerCase() } : {}),
        ...(reference ? { reference } : {}),
        subjects,
        registeredOn: data.registeredOn,
        recordedOn: today,
        registeredBy: actor.staffNumber,
        disposalDueOn: dueDate(data.disposalRule, data.registeredOn, WorkingDayCalendar.china()),
      },
    },
  ];
}

/** The collective review: at least two people, none the clue is about, on a day from registration to today. */
function review(data: ReviewClue['data'], state: ClueState, today: string): readonly ClueEvent[] {
  const actor = forCommission(data.actor);
  const clue = notDisposed(inHand(state));
  requireDay(data.reviewedOn, 'reviewedOn');
  fieldRule(data.reviewedOn <= today, 'CLUE.REVIEWED_IN_FUTURE', `reviewedOn is after today (${today})`, 'reviewedOn');
  fieldRule(
    data.reviewedOn >= clue.registeredOn,
    'CLUE.REVIEWED_BEFORE_REGISTRATION',
    `reviewedOn is before ${clue.registeredOn}`,
    'reviewedOn',
  );
  const participants = [...new Set(requireStaffNumbers(data.participants, 'participants', 'CLUE.REVIEW_NOT_COLLECTIVE'))];
  fieldRule(participants.length <= MAX_PARTICIPANTS, 'CLUE.TOO_MANY', `at most ${MAX_PARTICIPANTS} participants`, 'participants');
  fieldRule(
    participants.length >= MIN_REVIEW_PARTICIPANTS,
    'CLUE.REVIEW_NOT_COLLECTIVE',
    `a collective review has at least ${MIN_REVIEW_PARTICIPANTS} participants`,
    'participants',
  );
  fieldRule(
    participants.every((person) => !clue.subjects.some((subject) => subject.staffNumber === person)),
    'CLUE.SUBJECT_IN_REVIEW',
    'a person the clue is about takes no part in its review',
    'participants',
  );
  return [
    {
      type: 'ClueReviewed',
      data: { clueId: clue.clueId, commission: clue.commission, reviewedOn: data.reviewedOn, participants, by: actor.staffNumber },
    },
  ];
}

/** A proposal after the collective review, one of the four methods; the same proposal again records nothing. */
function propose(data: ProposeClueDisposal['data'], state: ClueState, today: string): readonly ClueEvent[] {
  const actor = forCommission(data.actor);
  const clue = notDisposed(inHand(state));
  fieldRule(
    isOneOf(CLUE_DISPOSAL_METHODS, data.method),
    'CLUE.INVALID_METHOD',
    `method is one of ${CLUE_DISPOSAL_METHODS.join(', ')}`,
    'method',
  );
  rule(clue.status !== 'registered', 'CLUE.NOT_REVIEWED', `clue ${clue.number} has not been reviewed collectively yet`, 'conflict');
  if (clue.proposal?.method === data.method && sameApproval(clue.proposal.approval, data.approval)) return [];
  return [
    {
      type: 'ClueDisposalProposed',
      data: {
        clueId: clue.clueId,
        commission: clue.commission,
        method: data.method,
        approval: { rank: data.approval.rank, approverPosts: [...data.approval.approverPosts] },
        proposedOn: today,
        by: actor.staffNumber,
      },
    },
  ];
}

/**
 * The approval: by someone holding one of the required posts in the commission today, never a
 * person the clue is about. Approved again by the same person changes nothing.
 */
function approve(data: ApproveClueDisposal['data'], state: ClueState, today: string): readonly ClueEvent[] {
  const actor = validActor(data.actor);
  const clue = inHand(state);
  if (clue.status === 'approved') {
    rule(
      clue.approvedBy === actor.staffNumber,
      'CLUE.ALREADY_DISPOSED',
      `clue ${clue.number} was disposed on ${clue.approvedOn}`,
      'conflict',
    );
    return [];
  }
  rule(clue.proposal !== undefined, 'CLUE.NOTHING_PROPOSED', `clue ${clue.number} has no proposed disposal`, 'conflict');
  rule(
    !clue.subjects.some((subject) => subject.staffNumber === actor.staffNumber),
    'CLUE.APPROVER_IS_SUBJECT',
    'a person the clue is about never approves its disposal',
    'forbidden',
  );
  const required = clue.proposal.approval.approverPosts;
  rule(
    actor.commissionPosts.some((post) => required.includes(post)),
    'CLUE.APPROVER_WITHOUT_POST',
    `the disposal of clue ${clue.number} (${clue.proposal.approval.rank}) is approved by the holder of ${required.join(' or ')} in ${clue.commission} on ${today}; ${actor.staffNumber} held none of them`,
    'forbidden',
  );
  return [
    {
      type: 'ClueDisposalApproved',
      data: {
        clueId: clue.clueId,
        commission: clue.commission,
        method: clue.proposal.method,
        subjects: clue.subjects.map(({ staffNumber, unitCode }) => ({ staffNumber, unitCode })),
        approvedOn: today,
        approvedBy: actor.staffNumber,
      },
    },
  ];
}

function markOverdue(state: ClueState, today: string): readonly ClueEvent[] {
  if (state.status === 'absent' || state.status === 'approved' || state.overdue || state.disposalDueOn >= today) return [];
  return [
    {
      type: 'ClueDisposalOverdue',
      data: { clueId: state.clueId, commission: state.commission, dueOn: state.disposalDueOn, markedOn: today },
    },
  ];
}

function evolve(state: ClueState, event: ClueEvent): ClueState {
  if (event.type === 'ClueRegistered') {
    const { registeredBy: _by, ...kept } = event.data;
    return { ...kept, status: 'registered', reviews: [], overdue: false };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'ClueReviewed': {
      const { reviewedOn, participants, by } = event.data;
      return {
        ...state,
        status: state.status === 'registered' ? 'reviewed' : state.status,
        reviews: [...state.reviews, { reviewedOn, participants, by }],
      };
    }
    case 'ClueDisposalProposed': {
      const { method, approval, proposedOn, by } = event.data;
      return { ...state, status: 'proposed', proposal: { method, approval, proposedOn, by } };
    }
    case 'ClueDisposalApproved':
      return { ...state, status: 'approved', approvedOn: event.data.approvedOn, approvedBy: event.data.approvedBy };
    case 'ClueDisposalOverdue':
      return { ...state, overdue: true };
    default:
      return unreachable(event);
  }
}

function inHand(state: ClueState): ClueInHand {
  rule(state.status !== 'absent', 'CLUE.NOT_FOUND', 'no such clue', 'not_found');
  return state;
}

function notDisposed(clue: ClueInHand): ClueInHand {
  rule(clue.status !== 'approved', 'CLUE.ALREADY_DISPOSED', `clue ${clue.number} was disposed on ${clue.approvedOn}`, 'conflict');
  return clue;
}

function sameApproval(a: RequiredApproval, b: RequiredApproval): boolean {
  return a.rank === b.rank && a.approverPosts.join() === b.approverPosts.join();
}

function validActor(value: unknown): ClueActor {
  fieldRule(typeof value === 'object' && value !== null, 'ACTOR.INVALID', 'the actor is missing', 'actor');
  const { staffNumber, officer, commissionPosts } = value as Partial<Record<keyof ClueActor, unknown>>;
  fieldRule(
    typeof officer === 'boolean' && Array.isArray(commissionPosts) && commissionPosts.every((post) => typeof post === 'string'),
    'ACTOR.INVALID',
    'the actor is not well formed',
    'actor',
  );
  return { staffNumber: requireStaffNumber(staffNumber, 'actor.staffNumber'), officer, commissionPosts };
}

/** Registering, reviewing and proposing: an officer acting for the handling commission, or one of its leadership that day. */
function forCommission(value: unknown): ClueActor {
  const actor = validActor(value);
  rule(
    actor.officer || actor.commissionPosts.length > 0,
    'CLUE.NOT_FOR_COMMISSION',
    `${actor.staffNumber} does not act for the handling commission`,
    'forbidden',
  );
  return actor;
}

function requireSubjects(value: unknown): readonly ClueSubject[] {
  fieldRule(Array.isArray(value) && value.length > 0, 'CLUE.NO_SUBJECTS', 'a clue is about at least one person', 'subjects');
  fieldRule(value.length <= MAX_SUBJECTS, 'CLUE.TOO_MANY', `subjects lists at most ${MAX_SUBJECTS}`, 'subjects');
  const subjects = (value as readonly unknown[]).map((item, index): ClueSubject => {
    const subject = (typeof item === 'object' && item !== null ? item : {}) as Partial<Record<keyof ClueSubject, unknown>>;
    return {
      staffNumber: requireStaffNumber(subject.staffNumber, `subjects[${index}].staffNumber`),
      unitCode: requireUnitCode(subject.unitCode, `subjects[${index}].unitCode`),
    };
  });
  fieldRule(
    new Set(subjects.map((subject) => subject.staffNumber)).size === subjects.length,
    'CLUE.SUBJECT_TWICE',
    'each person is listed once',
    'subjects',
  );
  return subjects;
}
