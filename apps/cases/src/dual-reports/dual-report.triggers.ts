import type { CaseConcluded, CaseOpened } from '../cases/case.events';
import type { ClueDisposalApproved } from '../clues/clue.events';

/** What a trigger event tells the dual report: the matter, the commission that decided it, the day. */
export interface DualReportMatterOf {
  readonly matterId: string;
  readonly commission: string;
  readonly decidedOn: string;
}

export interface DualReportTrigger {
  /** The kind of matter reported (`clue_disposal`, `case_opened`, …). */
  readonly matter: string;
  readonly of: (data: never) => DualReportMatterOf;
}

const trigger = <D>(matter: string, of: (data: D) => DualReportMatterOf): DualReportTrigger => ({
  matter,
  of,
});

/**
 * Seed §6(3): every clue disposal and every case is reported to the same-level Party committee
 * and the higher commission. Keyed by the domain event type of this service's log that triggers a
 * report; one line per trigger.
 */
export const DUAL_REPORT_TRIGGERS: Readonly<Record<string, DualReportTrigger>> = {
  ClueDisposalApproved: trigger<ClueDisposalApproved['data']>('clue_disposal', (d) => ({
    matterId: d.clueId,
    commission: d.commission,
    decidedOn: d.approvedOn,
  })),
  CaseOpened: trigger<CaseOpened['data']>('case_opened', (d) => ({ matterId: d.caseId, commission: d.commission, decidedOn: d.openedOn })),
  CaseConcluded: trigger<CaseConcluded['data']>('case_concluded', (d) => ({
    matterId: d.caseId,
    commission: d.commission,
    decidedOn: d.concludedOn,
  })),
};

export const DUAL_REPORT_MATTERS = Object.values(DUAL_REPORT_TRIGGERS).map((t) => t.matter);
