import { dueDate, WorkingDayCalendar } from '@app/deadlines';
import {
  chinaDay,
  fieldRule,
  requireDay,
  requiredText,
  requireStaffNumber,
  requireUnitCode,
  requireUuid,
  rule,
  unreachable,
  type Decider,
} from '@app/domain';
import type { AcknowledgeDualReport, DualReportCommand, OpenDualReport } from './dual-report.commands';
import {
  DUAL_REPORT_RECIPIENT_ROLES,
  type DualReportEvent,
  type DualReportRecipient,
  type DualReportRecipientRole,
} from './dual-report.events';

export interface RecipientStatus extends DualReportRecipient {
  readonly acknowledgedOn?: string;
  readonly acknowledgedBy?: string;
  readonly late?: boolean;
  /** The acknowledgement was recorded overdue (once). */
  readonly overdue: boolean;
}

export interface OpenReport {
  readonly status: 'open' | 'acknowledged';
  readonly reportId: string;
  readonly matter: string;
  readonly matterId: string;
  readonly commission: string;
  readonly decidedOn: string;
  readonly trigger: { readonly type: string; readonly eventId: string };
  readonly recipients: readonly RecipientStatus[];
  readonly unresolved: readonly DualReportRecipientRole[];
  readonly reportedOn: string;
  readonly acknowledgementDueOn: string;
}

export type DualReportState = { readonly status: 'absent' } | OpenReport;

export const dualReportDecider: Decider<DualReportState, DualReportCommand, DualReportEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: DualReportCommand, state: DualReportState): readonly DualReportEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'OpenDualReport':
      return open(command.data, state, today);
    case 'AcknowledgeDualReport':
      return acknowledge(command.data, state, today);
    case 'MarkDualReportOverdue':
      return markOverdue(state, today);
    default:
      return unreachable(command);
  }
}

/** Opened once per trigger (the id derives from it): a repeated reaction records nothing. */
function open(data: OpenDualReport['data'], state: DualReportState, today: string): readonly DualReportEvent[] {
  if (state.status !== 'absent') return [];
  const reportId = requireUuid(data.reportId, 'reportId');
  const commission = requireUnitCode(data.commission, 'commission');
  requireDay(data.decidedOn, 'decidedOn');
  const recipients = data.recipients.map((recipient, index) => {
    fieldRule(
      (DUAL_REPORT_RECIPIENT_ROLES as readonly string[]).includes(recipient.role),
      'DUAL_REPORT.INVALID_ROLE',
      'not a recipient role',
      `recipients[${index}].role`,
    );
    return { role: recipient.role, unitCode: requireUnitCode(recipient.unitCode, `recipients[${index}].unitCode`) };
  });
  fieldRule(
    recipients.length > 0,
    'DUAL_REPORT.NO_RECIPIENT',
    `the registry had neither a committee paired with ${commission} nor a commission above it on ${data.decidedOn}`,
    'recipients',
  );
  return [
    {
      type: 'DualReportOpened',
      data: {
        reportId,
        matter: requiredText(data.matter, 'matter', 64),
        matterId: requiredText(data.matterId, 'matterId', 64),
        commission,
        decidedOn: data.decidedOn,
        trigger: { type: data.trigger.type, eventId: data.trigger.eventId },
        recipients,
        unresolved: [...data.unresolved],
        reportedOn: today,
        acknowledgementDueOn: dueDate(data.acknowledgementRule, today, WorkingDayCalendar.china()),
      },
    },
  ];
}

/** A person acting for a recipient unit acknowledges for it; again changes nothing. */
function acknowledge(data: AcknowledgeDualReport['data'], state: DualReportState, today: string): readonly DualReportEvent[] {
  rule(state.status !== 'absent', 'DUAL_REPORT.NOT_FOUND', 'no such dual report', 'not_found');
  const by = requireStaffNumber(data.actor.staffNumber, 'actor.staffNumber');
  const recipient = state.recipients.find((candidate) => candidate.unitCode === data.recipient);
  fieldRule(recipient, 'DUAL_REPORT.NOT_A_RECIPIENT', `${data.recipient} is not a recipient of this report`, 'recipient');
  rule(
    data.actor.units.includes(recipient.unitCode),
    'DUAL_REPORT.NOT_FOR_RECIPIENT',
    `${by} does not act for ${recipient.unitCode}`,
    'forbidden',
  );
  if (recipient.acknowledgedOn !== undefined) return [];
  return [
    {
      type: 'DualReportAcknowledged',
      data: {
        reportId: state.reportId,
        commission: state.commission,
        recipient: recipient.unitCode,
        role: recipient.role,
        acknowledgedOn: today,
        by,
        late: today > state.acknowledgementDueOn,
      },
    },
  ];
}

function markOverdue(state: DualReportState, today: string): readonly DualReportEvent[] {
  if (state.status === 'absent' || state.acknowledgementDueOn >= today) return [];
  return state.recipients
    .filter((recipient) => recipient.acknowledgedOn === undefined && !recipient.overdue)
    .map((recipient) => ({
      type: 'DualReportAcknowledgementOverdue',
      data: {
        reportId: state.reportId,
        commission: state.commission,
        recipient: recipient.unitCode,
        role: recipient.role,
        dueOn: state.acknowledgementDueOn,
        markedOn: today,
      },
    }));
}

function evolve(state: DualReportState, event: DualReportEvent): DualReportState {
  if (event.type === 'DualReportOpened') {
    return { ...event.data, status: 'open', recipients: event.data.recipients.map((recipient) => ({ ...recipient, overdue: false })) };
  }
  if (state.status === 'absent') return state;
  const update = (unitCode: string, change: Partial<RecipientStatus>): OpenReport => {
    const recipients = state.recipients.map((recipient) => (recipient.unitCode === unitCode ? { ...recipient, ...change } : recipient));
    return { ...state, recipients, status: recipients.every((recipient) => recipient.acknowledgedOn) ? 'acknowledged' : 'open' };
  };
  switch (event.type) {
    case 'DualReportAcknowledged':
      return update(event.data.recipient, {
        acknowledgedOn: event.data.acknowledgedOn,
        acknowledgedBy: event.data.by,
        late: event.data.late,
      });
    case 'DualReportAcknowledgementOverdue':
      return update(event.data.recipient, { overdue: true });
    default:
      return unreachable(event);
  }
}

/** The earliest day a missing acknowledgement is still to be recorded overdue, if any. */
export function nextAcknowledgementDeadline(state: DualReportState): string | null {
  if (state.status === 'absent') return null;
  return state.recipients.some((recipient) => recipient.acknowledgedOn === undefined && !recipient.overdue)
    ? state.acknowledgementDueOn
    : null;
}
