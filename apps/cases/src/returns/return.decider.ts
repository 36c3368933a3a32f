import { dueDate, WorkingDayCalendar } from '@app/deadlines';
import { chinaDay, DomainError, fieldRule, requireStaffNumber, requireUnitCode, rule, unreachable, type Decider } from '@app/domain';
import { requireExactOpinion, requireValidSignature, SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';
import type { MarkReturnOverdue, ReturnCommand, SignOffReturn, SubmitReturn } from './return.commands';
import { returnContentHash, type ReturnEvent } from './return.events';
import { quarterOf, type ReturnFigures } from './return-figures';

export interface ReturnInHand {
  readonly status: 'signed_off' | 'submitted';
  readonly commission: string;
  readonly quarter: string;
  readonly figures: ReturnFigures;
  readonly signedBy: string;
  readonly signedOn: string;
  /** The content hash of the figures signed off. */
  readonly contentHash: string;
  /** The number of the last sign-off (1, 2, … as changed figures are signed off again). */
  readonly signOffVersion: number;
  readonly submittedTo?: string;
  readonly submittedOn?: string;
  readonly late?: boolean;
  readonly overdue: boolean;
  readonly dueOn?: string;
}

/** `pending`: nothing signed yet (maybe recorded overdue). */
export type ReturnState = { readonly status: 'pending'; readonly overdue: boolean; readonly dueOn?: string } | ReturnInHand;

const OPINION_MAX = 1000;
const SM3_HEX = /^[0-9a-f]{64}$/;

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

/**
 * Signed off (签发) by the commission's secretary that day, once the quarter is over and before
 * submission, with their own signature: over the figures as compiled now (a hash of other figures
 * is refused), by their own key valid today, verified over the statement. The same figures again
 * record nothing; changed figures are the next sign-off.
 */
function signOff(data: SignOffReturn['data'], state: ReturnState, today: string): readonly ReturnEvent[] {
  rule(data.actor.isSecretary, 'RETURN.NOT_SECRETARY', 'the return is signed off by the commission’s secretary', 'forbidden');
  const quarter = quarterOf(data.quarter);
  rule(today > quarter.to, 'RETURN.QUARTER_NOT_OVER', `${data.quarter} is not over on ${today}`, 'conflict');
  rule(state.status !== 'submitted', 'RETURN.ALREADY_SUBMITTED', 'the return was submitted; its figures stay as signed', 'conflict');
  const signer = requireStaffNumber(data.signerStaffNumber, 'signerStaffNumber');
  if (signer !== data.actor.staffNumber) {
    throw new DomainError(
      'SIGNOFF.SIGNER_NOT_ENTITLED',
      `${signer} is not the secretary signing off; the secretary signs with their own key`,
      'forbidden',
    );
  }
  fieldRule(
    typeof data.contentHash === 'string' && SM3_HEX.test(data.contentHash),
    'RETURN.INVALID_CONTENT_HASH',
    'not an SM3 hex digest',
    'contentHash',
  );
  const contentHash = returnContentHash(data.figures);
  if (data.contentHash !== contentHash) {
    throw new DomainError(
      'RETURN.FIGURES_CHANGED',
      'the figures changed since the signed hash was taken; sign the current ones',
      'conflict',
      {
        contentHash,
      },
    );
  }
  const recorded = state.status === 'pending' ? 0 : state.signOffVersion;
  const again = state.status === 'signed_off' && state.contentHash === contentHash;
  const version = again ? recorded : recorded + 1;
  if (data.version !== version) {
    throw new DomainError(
      'RETURN.STALE_SIGN_OFF_VERSION',
      `the sign-off is signed as version ${String(data.version)}; these figures are signed as ${version}`,
      'conflict',
      { nextVersion: version },
    );
  }
  const opinion = requireExactOpinion(data.opinion, OPINION_MAX);
  const algorithm = requireValidSignature(data, data.facts, today);
  if (again) return [];
  return [
    {
      type: 'AccountabilityReturnSignedOff',
      data: {
        commission: requireUnitCode(data.commission, 'commission'),
        quarter: data.quarter,
        figures: data.figures,
        signedBy: signer,
        signedOn: today,
        version,
        contentHash,
        opinion,
        algorithm,
        keyFingerprint: data.keyFingerprint,
        signature: data.signature.toLowerCase(),
        statementFormat: SIGN_OFF_STATEMENT_FORMAT,
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
  const dueOn = dueDate(data.submissionRule, quarterOf(data.quarter).to, WorkingDayCalendar.china());
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
  const dueOn = dueDate(data.submissionRule, quarterOf(data.quarter).to, WorkingDayCalendar.china());
  if (today <= dueOn) return [];
  return [{ type: 'AccountabilityReturnOverdue', data: { commission: data.commission, quarter: data.quarter, dueOn, markedOn: today } }];
}

function evolve(state: ReturnState, event: ReturnEvent): ReturnState {
  switch (event.type) {
    case 'AccountabilityReturnSignedOff': {
      const { commission, quarter, figures, signedBy, signedOn } = event.data;
      const signOffVersion = event.data.version ?? (state.status === 'pending' ? 0 : state.signOffVersion) + 1;
      const contentHash = event.data.contentHash ?? returnContentHash(figures);
      return { ...state, status: 'signed_off', commission, quarter, figures, signedBy, signedOn, contentHash, signOffVersion };
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
