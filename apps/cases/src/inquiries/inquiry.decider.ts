import { dueDate, WorkingDayCalendar } from '@app/deadlines';
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
import { requireExactOpinion, requireValidSignature, SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';
import { handlingOfficer, validActor, type Subject } from '../cases/handling-actor';
import type { DecideInquiryOutcome, InquiryCommand, OpenInquiry, RecordInquiryReply, SendInquiryLetter } from './inquiry.commands';
import { INQUIRY_OUTCOMES, type InquiryEvent, type InquiryOutcome, type ReplyContent } from './inquiry.events';

/** A version of the reply as the rules need it (the content and signature stay in the log). */
export interface ReplyVersion {
  readonly version: number;
  readonly contentHash: string;
  readonly receivedOn: string;
  readonly late: boolean;
  readonly signerStaffNumber: string;
}

export interface OpenedInquiry {
  readonly status: 'opened' | 'letter_sent' | 'replied' | 'concluded';
  readonly inquiryId: string;
  readonly commission: string;
  readonly clueId: string;
  readonly respondent: Subject;
  readonly openedOn: string;
  readonly letterSentOn?: string;
  readonly replyDueOn?: string;
  /** Oldest first; the last is the current reply. */
  readonly replies: readonly ReplyVersion[];
  readonly overdueMarkedOn?: string;
  readonly outcome?: InquiryOutcome;
  readonly concludedOn?: string;
}

export type InquiryState = { readonly status: 'absent' } | OpenedInquiry;

const TITLE_MAX = 200;
const BODY_MAX = 1000;
const OPINION_MAX = 1000;
const REASON_MAX = 1000;
const SM3_HEX = /^[0-9a-f]{64}$/;

export const inquiryDecider: Decider<InquiryState, InquiryCommand, InquiryEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: InquiryCommand, state: InquiryState): readonly InquiryEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'OpenInquiry':
      return open(command.data, state);
    case 'SendInquiryLetter':
      return sendLetter(command.data, existing(state), today);
    case 'RecordInquiryReply':
      return recordReply(command.data, existing(state), today);
    case 'DecideInquiryOutcome':
      return decideOutcome(command.data, existing(state), today);
    case 'MarkInquiryReplyOverdue':
      return markOverdue(existing(state), today);
    default:
      return unreachable(command);
  }
}

/** Opening again for the same clue and respondent is the same inquiry: nothing new. */
function open(data: OpenInquiry['data'], state: InquiryState): readonly InquiryEvent[] {
  if (state.status !== 'absent') {
    rule(
      state.clueId === data.clueId && state.respondent.staffNumber === data.respondent.staffNumber,
      'INQUIRY.ALREADY_OPENED',
      `inquiry ${state.inquiryId} was opened for another clue or respondent`,
      'conflict',
    );
    return [];
  }
  requireDay(data.openedOn, 'openedOn');
  fieldRule(typeof data.respondent === 'object' && data.respondent !== null, 'INQUIRY.NO_RESPONDENT', 'no respondent', 'respondent');
  return [
    {
      type: 'InquiryOpened',
      data: {
        inquiryId: requireUuid(data.inquiryId, 'inquiryId'),
        commission: requireUnitCode(data.commission, 'commission'),
        clueId: requireUuid(data.clueId, 'clueId'),
        respondent: {
          staffNumber: requireStaffNumber(data.respondent.staffNumber, 'respondent.staffNumber'),
          unitCode: requireUnitCode(data.respondent.unitCode, 'respondent.unitCode'),
        },
        openedOn: data.openedOn,
      },
    },
  ];
}

/** The letter goes out once; the reply is due within the rule's working days of it. The same day again records nothing. */
function sendLetter(data: SendInquiryLetter['data'], inquiry: OpenedInquiry, today: string): readonly InquiryEvent[] {
  const actor = officer(data.actor, inquiry);
  notConcluded(inquiry);
  requireDay(data.sentOn, 'sentOn');
  if (inquiry.letterSentOn !== undefined) {
    rule(inquiry.letterSentOn === data.sentOn, 'INQUIRY.LETTER_ALREADY_SENT', `the letter was sent on ${inquiry.letterSentOn}`, 'conflict');
    return [];
  }
  fieldRule(data.sentOn <= today, 'INQUIRY.SENT_IN_FUTURE', `sentOn is after today (${today})`, 'sentOn');
  fieldRule(
    data.sentOn >= inquiry.openedOn,
    'INQUIRY.SENT_BEFORE_OPENED',
    `sentOn is before the inquiry was opened (${inquiry.openedOn})`,
    'sentOn',
  );
  const replyDueOn = dueDate(data.replyRule, data.sentOn, WorkingDayCalendar.china());
  return [
    {
      type: 'InquiryLetterSent',
      data: { inquiryId: inquiry.inquiryId, commission: inquiry.commission, sentOn: data.sentOn, replyDueOn, by: actor.staffNumber },
    },
  ];
}

/**
 * A version of the reply, recorded only with a valid endorsement: the signer's key named, theirs
 * and valid on the signing day, the signature verified over the statement, and the signer the
 * principal leader of the respondent's Party committee that day. Each reply is the next version;
 * none after the outcome.
 */
function recordReply(data: RecordInquiryReply['data'], inquiry: OpenedInquiry, today: string): readonly InquiryEvent[] {
  const actor = validActor(data.actor);
  const signer = requireStaffNumber(data.signerStaffNumber, 'signerStaffNumber');
  rule(
    actor.roles.includes('commission_office') || actor.staffNumber === inquiry.respondent.staffNumber || actor.staffNumber === signer,
    'INQUIRY.NOT_PARTY',
    `${actor.staffNumber} is neither the commission’s officer, the respondent nor the signer`,
    'forbidden',
  );
  notConcluded(inquiry);
  rule(
    inquiry.letterSentOn !== undefined,
    'INQUIRY.LETTER_NOT_SENT',
    `no letter was sent for inquiry ${inquiry.inquiryId} yet`,
    'conflict',
  );
  const version = inquiry.replies.length + 1;
  if (data.version !== version) {
    throw new DomainError(
      'INQUIRY.STALE_REPLY_VERSION',
      `the reply is signed as version ${String(data.version)}; the next is ${version}`,
      'conflict',
      {
        nextVersion: version,
      },
    );
  }
  const content = replyContent(data.content);
  fieldRule(
    typeof data.contentHash === 'string' && SM3_HEX.test(data.contentHash),
    'INQUIRY.INVALID_CONTENT_HASH',
    'not an SM3 hex digest',
    'content',
  );
  const opinion = requireExactOpinion(data.opinion, OPINION_MAX);
  const algorithm = requireValidSignature(data, data.facts, today);
  const endorser = data.facts.endorser;
  if (endorser === null || endorser.staffNumber !== signer) {
    throw new DomainError(
      'SIGNOFF.SIGNER_NOT_ENTITLED',
      endorser === null
        ? `the Party committee of ${inquiry.respondent.unitCode} had no principal leader on ${today}`
        : `${signer} was not the principal leader of ${endorser.committeeCode} on ${today}`,
      'forbidden',
    );
  }
  return [
    {
      type: 'InquiryReplyReceived',
      data: {
        inquiryId: inquiry.inquiryId,
        commission: inquiry.commission,
        version,
        content,
        contentHash: data.contentHash,
        receivedOn: today,
        late: today > inquiry.replyDueOn!,
        signerStaffNumber: signer,
        signerCommitteeCode: endorser.committeeCode,
        opinion,
        algorithm,
        keyFingerprint: data.keyFingerprint,
        signature: data.signature.toLowerCase(),
        statementFormat: SIGN_OFF_STATEMENT_FORMAT,
        signedOn: today,
      },
    },
  ];
}

/** Once: escalation needs only the letter sent; the other outcomes judge a reply, so need one. */
function decideOutcome(data: DecideInquiryOutcome['data'], inquiry: OpenedInquiry, today: string): readonly InquiryEvent[] {
  const actor = officer(data.actor, inquiry);
  notConcluded(inquiry);
  fieldRule(
    isOneOf(INQUIRY_OUTCOMES, data.outcome),
    'INQUIRY.INVALID_OUTCOME',
    `outcome is one of ${INQUIRY_OUTCOMES.join(', ')}`,
    'outcome',
  );
  const reason = requiredText(data.reason, 'reason', REASON_MAX, 'INQUIRY.REASON_REQUIRED');
  rule(
    inquiry.letterSentOn !== undefined,
    'INQUIRY.LETTER_NOT_SENT',
    `no letter was sent for inquiry ${inquiry.inquiryId} yet`,
    'conflict',
  );
  rule(
    data.outcome === 'escalate' || inquiry.replies.length > 0,
    'INQUIRY.NO_REPLY',
    `inquiry ${inquiry.inquiryId} has no signed reply to judge; without one it can only be escalated`,
    'conflict',
  );
  return [
    {
      type: 'InquiryConcluded',
      data: {
        inquiryId: inquiry.inquiryId,
        commission: inquiry.commission,
        clueId: inquiry.clueId,
        respondent: inquiry.respondent,
        outcome: data.outcome,
        reason,
        concludedOn: today,
        by: actor.staffNumber,
      },
    },
  ];
}

/** The reply's due day has passed with no reply and no outcome: recorded once. */
function markOverdue(inquiry: OpenedInquiry, today: string): readonly InquiryEvent[] {
  if (!isReplyPending(inquiry) || inquiry.overdueMarkedOn !== undefined || inquiry.replyDueOn! >= today) return [];
  return [
    {
      type: 'InquiryReplyOverdue',
      data: { inquiryId: inquiry.inquiryId, commission: inquiry.commission, dueOn: inquiry.replyDueOn!, markedOn: today },
    },
  ];
}

/** A letter is out and neither a reply nor an outcome has come. */
export function isReplyPending(state: InquiryState): boolean {
  return state.status === 'letter_sent';
}

function evolve(state: InquiryState, event: InquiryEvent): InquiryState {
  if (event.type === 'InquiryOpened') return { status: 'opened', ...event.data, replies: [] };
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'InquiryLetterSent':
      return { ...state, status: 'letter_sent', letterSentOn: event.data.sentOn, replyDueOn: event.data.replyDueOn };
    case 'InquiryReplyReceived': {
      const { version, contentHash, receivedOn, late, signerStaffNumber } = event.data;
      return { ...state, status: 'replied', replies: [...state.replies, { version, contentHash, receivedOn, late, signerStaffNumber }] };
    }
    case 'InquiryReplyOverdue':
      return { ...state, overdueMarkedOn: event.data.markedOn };
    case 'InquiryConcluded':
      return { ...state, status: 'concluded', outcome: event.data.outcome, concludedOn: event.data.concludedOn };
    default:
      return unreachable(event);
  }
}

function existing(state: InquiryState): OpenedInquiry {
  rule(state.status !== 'absent', 'INQUIRY.NOT_FOUND', 'no such inquiry', 'not_found');
  return state;
}

function notConcluded(inquiry: OpenedInquiry): void {
  rule(
    inquiry.status !== 'concluded',
    'INQUIRY.CONCLUDED',
    `inquiry ${inquiry.inquiryId} was concluded (${inquiry.outcome}) on ${inquiry.concludedOn}`,
    'conflict',
  );
}

function officer(actor: unknown, inquiry: OpenedInquiry) {
  return handlingOfficer(actor, inquiry.commission, [inquiry.respondent.staffNumber]);
}

/** A reply's content: exactly a title and a body, kept as received (it is hashed and signed). */
export function replyContent(value: unknown): ReplyContent {
  fieldRule(
    typeof value === 'object' && value !== null && !Array.isArray(value),
    'INQUIRY.CONTENT_REQUIRED',
    'content is an object',
    'content',
  );
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => key !== 'title' && key !== 'body');
  fieldRule(unknown.length === 0, 'INQUIRY.UNKNOWN_CONTENT_FIELD', `unknown content fields: ${unknown.join(', ')}`, 'content');
  const exact = (field: 'title' | 'body', max: number): string => {
    const text = requiredText(record[field], `content.${field}`, max, 'INQUIRY.CONTENT_REQUIRED');
    fieldRule(
      text === record[field],
      'INQUIRY.CONTENT_NOT_EXACT',
      `content.${field} is signed exactly as written: no surrounding blanks`,
      `content.${field}`,
    );
    return text;
  };
  return { title: exact('title', TITLE_MAX), body: exact('body', BODY_MAX) };
}
