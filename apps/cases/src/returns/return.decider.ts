import { dueDate, WorkingDayCalendar } from '@app/deadlines';
import { canonicalEqual } from './canonical-equal';
import { chinaDay, requireUnitCode, rule, unreachable, type Decider } from '@app/domain';
import type { MarkReturnOverdue, ReturnCommand, SignOffReturn, SubmitReturn } from './return.commands';
import type { ReturnEvent } from './return.events';
import { quarterOf, type ReturnFigures } from './return-figures';

export interface ReturnInHand {
  readonly status: 'signed_off' | 'submitted';
  readonly commission: string;
  readonly quarter: string;
  readonly figures: ReturnFigures;
  readonly signedBy: string;
  readonly signedOn: string;
  readonly submittedTo?: string;
  readonly submittedOn?: string;
  readonly late?: boolean;
  readonly overdue: boolean;
  readonly dueOn?: string;
}

/** `pending`: nothing signed yet (maybe recorded overdue). */
export type ReturnState = { readonly status: 'pending'; readonly overdue: boolean; readonly dueOn?: string } | ReturnInHand;

const CALENDAR = WorkingDayCalendar.china();

export const returnDecider: Decider<ReturnState, ReturnCommand, ReturnEvent> = {
  initialState: () => ({ status: 'pending', overdue: false }),
  decide,
  evolve,
};

function decide(command: ReturnCommand, state: ReturnState): readonly ReturnEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'SignOffReturn':
      return signOff(command.data, state, today);
    case 'SubmitReturn':
      return submit(command.data, state, today);
    case 'MarkReturnOverdue':
      return markOverdue(command.data, state, today);
    default:
      return unreachable(command);
  }
}

function signOff(data: SignOffReturn['data'], state: ReturnState, today: string): readonly ReturnEvent[] {
  rule(data.actor.isSecretary, 'RETURN.NOT_SECRETARY', 'the return is signed off by the commission’s secretary', 'forbidden');
  const quarter = quarterOf(data.quarter);
  rule(today > quarter.to, 'RETURN.QUARTER_NOT_OVER', `${data.quarter} is not over on ${today}`, 'conflict');
  rule(state.status !== 'submitted', 'RETURN.ALREADY_SUBMITTED', 'the return was submitted; its figures stay as signed', 'conflict');
  if (state.status === 'signed_off' && canonicalEqual(state.figures, data.figures)) return [];
  return [
    {
      type: 'AccountabilityReturnSignedOff',
      data: {
        commission: requireUnitCode(data.commission, 'commission'),
        quarter: data.quarter,
        figures: data.figures,
        signedBy: data.actor.staffNumber,
        signedOn: today,
      },
    },
  ];
}

function submit(data: SubmitReturn['data'], state: ReturnState, today: string): readonly ReturnEvent[] {
  rule(
    data.actor.isSecretary || data.actor.actsForCommission,
    'RETURN.NOT_COMMISSION_OFFICER',
    'the return is submitted by the commission',
    'forbidden',
  );
  if (state.status === 'submitted') return [];
  rule(state.status === 'signed_off', 'RETURN.NOT_SIGNED_OFF', 'the return is signed off before it is submitted', 'conflict');
  rule(data.higherCommission !== null, 'RETURN.NO_HIGHER_COMMISSION', 'the registry knows no commission above this one', 'conflict');
  const dueOn = dueDate(data.submissionRule, quarterOf(data.quarter).to, CALENDAR);
  return [
    {
      type: 'AccountabilityReturnSubmitted',
      data: {
        commission: state.commission,
        quarter: state.quarter,
        to: data.higherCommission,
        submittedOn: today,
        dueOn,
        late: today > dueOn,
        by: data.actor.staffNumber,
      },
    },
  ];
}

function markOverdue(data: MarkReturnOverdue['data'], state: ReturnState, today: string): readonly ReturnEvent[] {
  if (state.status === 'submitted' || state.overdue) return [];
  const dueOn = dueDate(data.submissionRule, quarterOf(data.quarter).to, CALENDAR);
  if (today <= dueOn) return [];
  return [{ type: 'AccountabilityReturnOverdue', data: { commission: data.commission, quarter: data.quarter, dueOn, markedOn: today } }];
}

function evolve(state: ReturnState, event: ReturnEvent): ReturnState {
  switch (event.type) {
    case 'AccountabilityReturnSignedOff': {
      const { commission, quarter, figures, signedBy, signedOn } = event.data;
      return { ...state, status: 'signed_off', commission, quarter, figures, signedBy, signedOn };
    }
    case 'AccountabilityReturnSubmitted':
      return state.status === 'pending'
        ? state
        : {
            ...state,
            status: 'submitted',
            submittedTo: event.data.to,
            submittedOn: event.data.submittedOn,
            late: event.data.late,
            dueOn: event.data.dueOn,
          };
    case 'AccountabilityReturnOverdue':
      return { ...state, overdue: true, dueOn: event.data.dueOn };
    default:
      return unreachable(event);
  }
}
