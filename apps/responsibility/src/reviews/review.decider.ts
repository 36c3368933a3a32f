import { REVIEWED_RESPONSIBILITIES, REVIEWED_SUBJECTS, type ReviewedFailure, type ReviewedSubject } from '@app/contracts';
import {
  chinaDay,
  DomainError,
  fieldRule,
  isOneOf,
  requireDay,
  requiredText,
  requireStaffNumber,
  requireUnitCode,
  requireUuid,
  rule,
  unreachable,
  type Decider,
} from '@app/domain';
import type { ConcludeReview, EscalateReview, OpenReview, RecordReviewFinding, ReviewActor, ReviewCommand } from './review.commands';
import type { ResponsibilityReviewFindingRecorded, ResponsibilityReviewOpened, ReviewEvent, ReviewSubject } from './review.events';

export type ReviewFinding = ResponsibilityReviewFindingRecorded['data'];

export type ReviewState =
  | { readonly status: 'absent' }
  | (ResponsibilityReviewOpened['data'] & {
      readonly status: 'open' | 'concluded';
      /** Every finding recorded, oldest first; a later one on the same subject supersedes the earlier. */
      readonly findings: readonly ReviewFinding[];
      readonly escalatedTo: { readonly reviewId: string; readonly unitCode: string; readonly on: string } | null;
      readonly conclusion: {
        readonly summary: string;
        readonly failures: readonly ReviewedFailure[];
        readonly on: string;
        readonly by: string;
      } | null;
    });
type ExistingReview = Exclude<ReviewState, { status: 'absent' }>;

const MAX_TEXT = 2000;
const MAX_EVIDENCE = 50;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** Main responsibility is the committee's and its principal leader's; supervisory the commission's and its secretary's (seed §3, §6). */
export const SUBJECTS_OF = {
  main: ['committee', 'principal_leader'],
  supervisory: ['commission', 'secretary'],
} as const;
const PERSONAL: readonly ReviewedSubject[] = ['principal_leader', 'secretary'];

export const reviewDecider: Decider<ReviewState, ReviewCommand, ReviewEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: ReviewCommand, state: ReviewState): readonly ReviewEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'OpenReview':
      return open(command.data, state, today);
    case 'RecordReviewFinding':
      return recordFinding(command.data, state, today);
    case 'EscalateReview':
      return escalate(command.data, state, today);
    case 'ConcludeReview':
      return conclude(command.data, state, today);
    default:
      return unreachable(command);
  }
}

function open(data: OpenReview['data'], state: ReviewState, today: string): readonly ReviewEvent[] {
  // A redelivered conclusion, a second finding at the same unit, or an escalation to a review the case opened already.
  if (state.status !== 'absent') {
    rule(state.caseId === data.caseId, 'REVIEW.ALREADY_OPEN', `review ${state.reviewId} belongs to case ${state.caseId}`, 'conflict');
    return [];
  }
  const { periodFrom, periodTo } = data;
  requireDay(periodFrom, 'periodFrom');
  requireDay(periodTo, 'periodTo');
  fieldRule(periodFrom <= periodTo, 'REVIEW.INVALID_PERIOD', `the period ends (${periodTo}) before it begins (${periodFrom})`, 'periodTo');
  fieldRule(periodTo <= today, 'REVIEW.PERIOD_IN_FUTURE', `the period ends after today (${today})`, 'periodTo');
  const unitCode = requireUnitCode(data.unitCode, 'unitCode');
  rule(
    data.subjects.length > 0,
    'REVIEW.NO_SUBJECTS',
    `unit ${unitCode} had no Party committee or commission during ${periodFrom}–${periodTo}`,
    'invalid',
  );
  return [
    {
      type: 'ResponsibilityReviewOpened',
      data: {
        reviewId: requireUuid(data.reviewId, 'reviewId'),
        caseId: requireUuid(data.caseId, 'caseId'),
        handlingCommissionCode: requireUnitCode(data.handlingCommissionCode, 'handlingCommissionCode'),
        unitCode,
        periodFrom,
        periodTo,
        caseStaffNumbers: [...new Set(data.caseStaffNumbers.map((s, i) => requireStaffNumber(s, `caseStaffNumbers[${i}]`)))],
        subjects: data.subjects,
        reviewingCommissionCodes: [...new Set(data.reviewingCommissionCodes)],
        escalatedFrom: data.escalatedFrom,
        openedOn: today,
      },
    },
  ];
}

function recordFinding(data: RecordReviewFinding['data'], state: ReviewState, today: string): readonly ReviewEvent[] {
  const review = openReview(state);
  const by = reviewer(data.actor, review);
  const responsibility = data.responsibility;
  fieldRule(
    isOneOf(REVIEWED_RESPONSIBILITIES, responsibility),
    'REVIEW.INVALID_RESPONSIBILITY',
    `${String(responsibility)} is neither main nor supervisory`,
    'responsibility',
  );
  const subject = data.subject;
  fieldRule(
    isOneOf(REVIEWED_SUBJECTS, subject) && (SUBJECTS_OF[responsibility] as readonly string[]).includes(subject),
    'REVIEW.SUBJECT_MISMATCH',
    `the ${responsibility} responsibility is carried by ${SUBJECTS_OF[responsibility].join(' and ')}, not ${String(subject)}`,
    'subject',
  );
  const unitCode = requireUnitCode(data.unitCode, 'unitCode');
  const personal = PERSONAL.includes(subject);
  const staffNumber = personal ? requireStaffNumber(data.staffNumber, 'staffNumber') : null;
  fieldRule(personal || data.staffNumber == null, 'REVIEW.SUBJECT_MISMATCH', `a finding on the ${subject} names no person`, 'staffNumber');
  const held = review.subjects.some(
    (s) => s.responsibility === responsibility && s.subject === subject && s.unitCode === unitCode && s.staffNumber === staffNumber,
  );
  fieldRule(
    held,
    'REVIEW.NOT_A_HOLDER',
    personal
      ? `${staffNumber} was not the ${subject} of ${unitCode} during ${review.periodFrom}–${review.periodTo}`
      : `${unitCode} was not the ${subject} of the unit during ${review.periodFrom}–${review.periodTo}`,
    personal ? 'staffNumber' : 'unitCode',
  );
  const findingId = requireUuid(data.findingId, 'findingId');
  rule(
    !review.findings.some((f) => f.findingId === findingId),
    'REVIEW.DUPLICATE_FINDING',
    `finding ${findingId} is recorded already`,
    'conflict',
  );
  fieldRule(typeof data.carriedOut === 'boolean', 'REVIEW.INVALID_FINDING', 'carriedOut is true or false', 'carriedOut');
  return [
    {
      type: 'ResponsibilityReviewFindingRecorded',
      data: {
        findingId,
        responsibility,
        subject,
        unitCode,
        staffNumber,
        carriedOut: data.carriedOut,
        text: requiredText(data.text, 'text', MAX_TEXT),
        evidence: evidenceRefs(data.evidence),
        on: today,
        by,
      },
    },
  ];
}

function escalate(data: EscalateReview['data'], state: ReviewState, today: string): readonly ReviewEvent[] {
  const review = openReview(state);
  const by = reviewer(data.actor, review);
  rule(
    review.escalatedTo === null,
    'REVIEW.ALREADY_ESCALATED',
    `review ${review.reviewId} was escalated to ${review.escalatedTo?.unitCode} already`,
    'conflict',
  );
  rule(
    failuresOf(review).length > 0,
    'REVIEW.NO_FAILURE_FOUND',
    'only a responsibility found not carried out is traced one level up',
    'conflict',
  );
  const higher = data.higher;
  rule(
    higher !== null,
    'REVIEW.NO_HIGHER_LEVEL',
    `${review.unitCode} had no higher Party committee during ${review.periodFrom}–${review.periodTo}: nothing above to trace to`,
    'conflict',
  );
  return [
    {
      type: 'ResponsibilityReviewEscalated',
      data: {
        toReviewId: requireUuid(higher.reviewId, 'higher.reviewId'),
        toUnitCode: requireUnitCode(higher.unitCode, 'higher.unitCode'),
        reason: requiredText(data.reason, 'reason', MAX_TEXT),
        on: today,
        by,
      },
    },
  ];
}

function conclude(data: ConcludeReview['data'], state: ReviewState, today: string): readonly ReviewEvent[] {
  rule(state.status !== 'absent', 'REVIEW.NOT_FOUND', 'no such review', 'not_found');
  const by = reviewer(data.actor, state);
  rule(
    state.status !== 'concluded',
    'REVIEW.ALREADY_CONCLUDED',
    `review ${state.reviewId} was concluded on ${state.conclusion?.on}`,
    'conflict',
  );
  const current = currentFindings(state);
  const missing = [...new Map(state.subjects.map((s) => [subjectKey(s), s])).entries()]
    .filter(([key]) => !current.has(key))
    .map(([, s]) => s);
  if (missing.length > 0) {
    const names = missing.map((s) => `${s.responsibility}/${s.subject} ${s.staffNumber ?? s.unitCode}`).join(', ');
    throw new DomainError('REVIEW.FINDINGS_MISSING', `no finding yet on: ${names}`, 'conflict', {
      missing: missing.map(({ responsibility, subject, unitCode, staffNumber }) => ({ responsibility, subject, unitCode, staffNumber })),
    });
  }
  return [
    {
      type: 'ResponsibilityReviewConcluded',
      data: {
        reviewId: state.reviewId,
        caseId: state.caseId,
        unitCode: state.unitCode,
        periodFrom: state.periodFrom,
        periodTo: state.periodTo,
        failures: failuresOf(state),
        escalatedToUnitCode: state.escalatedTo?.unitCode ?? null,
        summary: requiredText(data.summary, 'summary', MAX_TEXT),
        concludedOn: today,
        by,
      },
    },
  ];
}

function evolve(state: ReviewState, event: ReviewEvent): ReviewState {
  if (event.type === 'ResponsibilityReviewOpened')
    return { ...event.data, status: 'open', findings: [], escalatedTo: null, conclusion: null };
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'ResponsibilityReviewFindingRecorded':
      return { ...state, findings: [...state.findings, event.data] };
    case 'ResponsibilityReviewEscalated':
      return { ...state, escalatedTo: { reviewId: event.data.toReviewId, unitCode: event.data.toUnitCode, on: event.data.on } };
    case 'ResponsibilityReviewConcluded': {
      const { summary, failures, concludedOn: on, by } = event.data;
      return { ...state, status: 'concluded', conclusion: { summary, failures, on, by } };
    }
    default:
      return unreachable(event);
  }
}

/** The subject a finding or a holder is about: one organisation or one person in one responsibility. */
export function subjectKey(s: Pick<ReviewSubject, 'responsibility' | 'subject' | 'unitCode' | 'staffNumber'>): string {
  return `${s.responsibility}/${s.subject}/${s.unitCode}/${s.staffNumber ?? ''}`;
}

/** The latest finding on each subject. */
export function currentFindings(review: ExistingReview): Map<string, ReviewFinding> {
  return new Map(review.findings.map((finding) => [subjectKey(finding), finding]));
}

/** The subjects whose latest finding is "not carried out", in the order the holders were listed. */
export function failuresOf(review: ExistingReview): ReviewedFailure[] {
  const current = currentFindings(review);
  const seen = new Set<string>();
  return review.subjects.flatMap((s) => {
    const key = subjectKey(s);
    if (seen.has(key) || current.get(key)?.carriedOut !== false) return [];
    seen.add(key);
    return [{ responsibility: s.responsibility, subject: s.subject, unitCode: s.unitCode, staffNumber: s.staffNumber }];
  });
}

function openReview(state: ReviewState): ExistingReview {
  rule(state.status !== 'absent', 'REVIEW.NOT_FOUND', 'no such review', 'not_found');
  rule(
    state.status !== 'concluded',
    'REVIEW.ALREADY_CONCLUDED',
    `review ${state.reviewId} was concluded on ${state.conclusion?.on}`,
    'conflict',
  );
  return state;
}

/** Findings, escalation and conclusion are the reviewing commissions' (the case's handling commission, the unit's higher commission). */
function reviewer(actor: ReviewActor, review: ExistingReview): string {
  const staffNumber = requireStaffNumber(actor?.staffNumber, 'actor.staffNumber');
  rule(
    Array.isArray(actor.commissionCodes) &&
      (actor.commissionCodes as readonly unknown[]).some(
        (code) => typeof code === 'string' && review.reviewingCommissionCodes.includes(code),
      ),
    'REVIEW.NOT_REVIEWER',
    `${staffNumber} does not act for a commission reviewing ${review.unitCode} (${review.reviewingCommissionCodes.join(', ')})`,
    'forbidden',
  );
  return staffNumber;
}

function evidenceRefs(value: unknown): readonly string[] {
  if (value === undefined) return [];
  fieldRule(Array.isArray(value) && value.length <= MAX_EVIDENCE, 'REVIEW.INVALID_EVIDENCE', `at most ${MAX_EVIDENCE} records`, 'evidence');
  value.forEach((ref, i) =>
    fieldRule(
      typeof ref === 'string' && STREAM_ID.test(ref),
      'REVIEW.INVALID_EVIDENCE',
      'a record is named by its stream',
      `evidence[${i}]`,
    ),
  );
  return [...new Set(value as string[])];
}
