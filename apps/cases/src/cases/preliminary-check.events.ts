import type { DomainEvent } from '@app/domain';
import type { Subject } from './handling-actor';

/** Events of a preliminary check (初步核实, stream `preliminary-check-<checkId>`). Days are `YYYY-MM-DD` (CST). */

/** Opened on a clue's disposal (`preliminary_check`) or on an inquiry escalated (`inquiryId`). */
export type PreliminaryCheckOpened = DomainEvent<
  'PreliminaryCheckOpened',
  {
    readonly checkId: string;
    readonly commission: string;
    readonly clueId: string;
    readonly inquiryId: string | null;
    readonly subjects: readonly Subject[];
    readonly openedOn: string;
  }
>;

export const CHECK_DECISIONS = ['open_case', 'close'] as const;
export type CheckDecision = (typeof CHECK_DECISIONS)[number];

/** The check concluded: a case is opened (立案, `caseId`) or the matter is closed (予以了结), with the reason. */
export type PreliminaryCheckConcluded = DomainEvent<
  'PreliminaryCheckConcluded',
  {
    readonly checkId: string;
    readonly commission: string;
    readonly clueId: string;
    readonly decision: CheckDecision;
    readonly caseId: string | null;
    readonly reason: string;
    readonly concludedOn: string;
    readonly by: string;
  }
>;

export type PreliminaryCheckEvent = PreliminaryCheckOpened | PreliminaryCheckConcluded;
