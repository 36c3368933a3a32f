import { chinaDay, DomainError, rule, unreachable, type CommandMetadata, type Decider } from '@app/domain';
import { optionalText, requiredText } from '../documents/free-text';
import { isRecordYear, isUnitCode } from '../documents/identifiers';
import { isDualReportKind, REPORT_DOCUMENT_KIND, REQUIRED_RECIPIENTS, type DualReportKind } from './dual-report-kinds';
import type { AcknowledgeDualReport, DualReportCommand, RecipientFact, ResubmitDualReport, SubmitDualReport } from './dual-report.commands';
import type { DualReportEvent, DualReportSubmitted, Recipient } from './dual-report.events';

export interface Submission {
  readonly submissionNo: number;
  readonly documentId: string;
  readonly documentVersion: number;
  readonly contentHash: string;
  readonly recipients: readonly Recipient[];
  readonly submittedOn: string;
  /** Unit codes of the recipients that acknowledged this submission. */
  readonly acknowledgedBy: readonly string[];
}

export interface UnsubmittedReport {
  readonly status: 'unsubmitted';
}

export interface SubmittedReport {
  readonly status: 'submitted';
  readonly unitCode: string;
  readonly year: number;
  readonly kind: DualReportKind;
  /** The latest submission; earlier ones were replaced by resubmission. */
  readonly current: Submission;
}

export type DualReportState = UnsubmittedReport | SubmittedReport;

const REASON_MAX_LENGTH = 500;
const NOTE_MAX_LENGTH = 500;
const UNIT_NAME_MAX_LENGTH = 128;

export const dualReportDecider: Decider<DualReportState, DualReportCommand, DualReportEvent> = {
  initialState: () => ({ status: 'unsubmitted' }),
  decide,
  evolve,
};

function decide(command: DualReportCommand, state: DualReportState): readonly DualReportEvent[] {
  switch (command.type) {
    case 'SubmitDualReport':
      rule(
        state.status === 'unsubmitted',
        'DUAL_REPORT.ALREADY_SUBMITTED',
        'the report is already submitted; a replacement is an explicit resubmission with a reason',
        'conflict',
      );
      return [{ type: 'DualReportSubmitted', data: submission(command.data, command.metadata, 1) }];
    case 'ResubmitDualReport':
      return resubmit(command.data, command.metadata, submitted(state));
    case 'AcknowledgeDualReport':
      return acknowledge(command.data, submitted(state), command.metadata);
    default:
      return unreachable(command);
  }
}

function submission(data: SubmitDualReport['data'], metadata: CommandMetadata, submissionNo: number): DualReportSubmitted['data'] {
  const kind = data.kind;
  rule(isDualReportKind(kind), 'DUAL_REPORT.INVALID_KIND', `${String(kind)} is not a kind of dual report (main, supervisory)`);
  rule(isUnitCode(data.unitCode), 'DUAL_REPORT.INVALID_UNIT_CODE', `${String(data.unitCode)} is not a unit code`);
  rule(isRecordYear(data.year), 'DUAL_REPORT.INVALID_YEAR', `${String(data.year)} is not a year from 2000 to 2100`);
  const today = chinaDay(metadata.now);
  rule(
    Number(today.slice(0, 4)) > data.year,
    'DUAL_REPORT.YEAR_NOT_OVER',
    `the report on ${data.year} is submitted from the start of ${data.year + 1}, not on ${today}`,
  );
  const document = data.facts.document;
  rule(document, 'DUAL_REPORT.DOCUMENT_NOT_FOUND', `document ${data.documentId} has no version ${data.documentVersion}`, 'not_found');
  const expectedKind = REPORT_DOCUMENT_KIND[kind];
  rule(
    document.kind === expectedKind && document.unitCode === data.unitCode && document.year === data.year,
    'DUAL_REPORT.WRONG_DOCUMENT',
    `a ${kind} report of ${data.unitCode} on ${data.year} submits a ${expectedKind} of that unit and year`,
  );
  rule(
    document.fullySigned,
    'DUAL_REPORT.DOCUMENT_NOT_SIGNED',
    `version ${data.documentVersion} of document ${data.documentId} is not signed by every required signer`,
    'conflict',
  );
  return {
    unitCode: data.unitCode,
    year: data.year,
    kind,
    submissionNo,
    documentId: data.documentId,
    documentVersion: data.documentVersion,
    contentHash: document.contentHash,
    recipients: recipients(kind, data.unitCode, data.facts.recipients),
    submittedOn: today,
    submittedBy: metadata.actor.personId,
  };
}

/** Exactly one recipient per role the kind requires, each a different unit, none the reporting unit. */
function recipients(kind: DualReportKind, unitCode: string, facts: readonly RecipientFact[]): readonly Recipient[] {
  const required = REQUIRED_RECIPIENTS[kind];
  for (const fact of facts) {
    rule(
      (required as readonly string[]).includes(fact.role) && facts.filter((f) => f.role === fact.role).length === 1,
      'DUAL_REPORT.UNEXPECTED_RECIPIENT',
      `a ${kind} report goes to one ${required.join(' and one ')}, not to ${String(fact.role)} ${String(fact.unitCode)}`,
    );
    rule(
      isUnitCode(fact.unitCode) && fact.unitCode !== unitCode && facts.filter((f) => f.unitCode === fact.unitCode).length === 1,
      'DUAL_REPORT.INVALID_RECIPIENT',
      `${String(fact.unitCode)} cannot receive the report as ${String(fact.role)}`,
    );
  }
  return required.map((role) => {
    const fact = facts.find((f) => f.role === role);
    if (!fact) {
      throw new DomainError('DUAL_REPORT.RECIPIENT_MISSING', `the registry names no ${role} for ${unitCode} on the day`, 'conflict', {
        role,
      });
    }
    return { role, unitCode: fact.unitCode, name: unitName(fact.name) };
  });
}

function unitName(value: unknown): string {
  rule(
    typeof value === 'string' && value.trim().length > 0 && value.length <= UNIT_NAME_MAX_LENGTH,
    'DUAL_REPORT.INVALID_RECIPIENT',
    `a recipient's name has 1 to ${UNIT_NAME_MAX_LENGTH} characters`,
  );
  return value;
}

function resubmit(data: ResubmitDualReport['data'], metadata: CommandMetadata, report: SubmittedReport): readonly DualReportEvent[] {
  const reason = requiredText(data.reason, {
    requiredCode: 'DUAL_REPORT.REASON_REQUIRED',
    field: 'reason',
    maxLength: REASON_MAX_LENGTH,
    chinese: true,
  });
  rule(
    data.documentId !== report.current.documentId || data.documentVersion !== report.current.documentVersion,
    'DUAL_REPORT.SAME_DOCUMENT',
    `submission ${report.current.submissionNo} already submitted version ${data.documentVersion} of document ${data.documentId}`,
    'conflict',
  );
  return [{ type: 'DualReportResubmitted', data: { ...submission(data, metadata, report.current.submissionNo + 1), reason } }];
}

function acknowledge(data: AcknowledgeDualReport['data'], report: SubmittedReport, metadata: CommandMetadata): readonly DualReportEvent[] {
  const { current } = report;
  rule(
    data.submissionNo === current.submissionNo,
    'DUAL_REPORT.SUBMISSION_SUPERSEDED',
    `submission ${String(data.submissionNo)} is not the current submission ${current.submissionNo}`,
    'conflict',
  );
  rule(
    current.recipients.some((r) => r.unitCode === data.recipientUnitCode),
    'DUAL_REPORT.NOT_A_RECIPIENT',
    `${String(data.recipientUnitCode)} is not a recipient of the report`,
  );
  rule(
    data.facts.actorUnitCodes.includes(data.recipientUnitCode),
    'DUAL_REPORT.NOT_RECIPIENT_STAFF',
    `only people of ${data.recipientUnitCode} acknowledge the report on its behalf`,
    'forbidden',
  );
  const note = optionalText(data.note, { field: 'note', maxLength: NOTE_MAX_LENGTH });
  if (current.acknowledgedBy.includes(data.recipientUnitCode)) return [];
  const today = chinaDay(metadata.now);
  const key = { unitCode: report.unitCode, year: report.year, kind: report.kind, submissionNo: current.submissionNo };
  const acknowledged: DualReportEvent = {
    type: 'DualReportAcknowledged',
    data: {
      ...key,
      recipientUnitCode: data.recipientUnitCode,
      acknowledgedBy: metadata.actor.personId,
      acknowledgedOn: today,
      ...(note === undefined ? {} : { note }),
    },
  };
  const everyone = current.recipients.every((r) => r.unitCode === data.recipientUnitCode || current.acknowledgedBy.includes(r.unitCode));
  return everyone ? [acknowledged, { type: 'DualReportFullyAcknowledged', data: { ...key, acknowledgedOn: today } }] : [acknowledged];
}

function evolve(state: DualReportState, event: DualReportEvent): DualReportState {
  switch (event.type) {
    case 'DualReportSubmitted':
    case 'DualReportResubmitted': {
      const { unitCode, year, kind, submissionNo, documentId, documentVersion, contentHash, recipients, submittedOn } = event.data;
      return {
        status: 'submitted',
        unitCode,
        year,
        kind,
        current: { submissionNo, documentId, documentVersion, contentHash, recipients, submittedOn, acknowledgedBy: [] },
      };
    }
    case 'DualReportAcknowledged':
      if (state.status !== 'submitted') return state;
      return { ...state, current: { ...state.current, acknowledgedBy: [...state.current.acknowledgedBy, event.data.recipientUnitCode] } };
    case 'DualReportFullyAcknowledged':
      return state;
    default:
      return unreachable(event);
  }
}

function submitted(state: DualReportState): SubmittedReport {
  if (state.status === 'unsubmitted') throw new DomainError('DUAL_REPORT.NOT_SUBMITTED', 'the report has not been submitted', 'not_found');
  return state;
}
