import { chinaDay, requireUnitCode, requireUuid, rule, type Command, type Decider } from '@app/domain';
import type { AccountabilityMatter, AccountabilityMattersOpened, CaseAccountabilityClosed } from './accountability.events';

/**
 * Two small streams of accountability: a one-case-two-investigations review's matters
 * (`accountability-review-<reviewId>`: opened once per review, however often the review's message
 * arrives) and a case's accountability file (`case-accountability-<caseId>`: closed once).
 */

export type OpenAccountabilityMatters = Command<
  'OpenAccountabilityMatters',
  Omit<AccountabilityMattersOpened['data'], 'openedOn' | 'matters'> & {
    readonly matters: readonly Omit<AccountabilityMatter, 'matterId'>[];
  }
>;

export type ReviewMattersState = { readonly status: 'absent' } | { readonly status: 'opened'; readonly matterIds: readonly string[] };

/** The matter id of the review's n-th failure: the same on every delivery. */
export type MatterIdOf = (reviewId: string, index: number) => string;

export function reviewMattersDecider(
  matterIdOf: MatterIdOf,
): Decider<ReviewMattersState, OpenAccountabilityMatters, AccountabilityMattersOpened> {
  return {
    initialState: () => ({ status: 'absent' }),
    decide(command, state) {
      if (state.status === 'opened') return [];
      const data = command.data;
      const reviewId = requireUuid(data.reviewId, 'reviewId');
      return [
        {
          type: 'AccountabilityMattersOpened',
          data: {
            reviewId,
            caseId: requireUuid(data.caseId, 'caseId'),
            commission: requireUnitCode(data.commission, 'commission'),
            periodFrom: data.periodFrom,
            periodTo: data.periodTo,
            reviewConcludedOn: data.reviewConcludedOn,
            escalatedToUnitCode: data.escalatedToUnitCode,
            matters: data.matters.map((matter, index) => ({ matterId: matterIdOf(reviewId, index), ...matter })),
            openedOn: chinaDay(command.metadata.now),
          },
        },
      ];
    },
    evolve: (_state, event) => ({ status: 'opened', matterIds: event.data.matters.map((matter) => matter.matterId) }),
  };
}

export type CloseCaseAccountability = Command<
  'CloseCaseAccountability',
  {
    readonly caseId: string;
    readonly commission: string;
    /** The case as the read model has it. */
    readonly caseStatus: 'absent' | 'opened' | 'concluded' | 'closed';
    readonly caseCommission: string | null;
    readonly actor: { readonly staffNumber: string; readonly actsForCommission: boolean };
  }
>;

export type CaseFileState = { readonly status: 'open' } | { readonly status: 'closed'; readonly closedOn: string };

export const caseAccountabilityDecider: Decider<CaseFileState, CloseCaseAccountability, CaseAccountabilityClosed> = {
  initialState: () => ({ status: 'open' }),
  decide(command, state) {
    const data = command.data;
    rule(
      data.actor.actsForCommission,
      'ACCOUNTABILITY.NOT_COMMISSION_OFFICER',
      'only an officer acting for the commission does this',
      'forbidden',
    );
    rule(data.caseStatus !== 'absent', 'ACCOUNTABILITY.CASE_NOT_FOUND', `no case ${data.caseId} is known here`, 'not_found');
    rule(data.caseCommission === data.commission, 'ACCOUNTABILITY.CASE_ELSEWHERE', 'the case is handled by another commission', 'conflict');
    if (state.status === 'closed') return [];
    rule(data.caseStatus === 'concluded', 'ACCOUNTABILITY.CASE_NOT_CONCLUDED', 'a case is closed only once concluded', 'conflict');
    return [
      {
        type: 'CaseAccountabilityClosed',
        data: { caseId: data.caseId, commission: data.commission, closedOn: chinaDay(command.metadata.now), by: data.actor.staffNumber },
      },
    ];
  },
  evolve: (_state, event) => ({ status: 'closed', closedOn: event.data.closedOn }),
};

export const reviewStreamId = (reviewId: string): string => `accountability-review-${reviewId.toLowerCase()}`;
export const caseAccountabilityStreamId = (caseId: string): string => `case-accountability-${caseId.toLowerCase()}`;
