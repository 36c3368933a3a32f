import type { DomainEvent } from '@app/domain';

/**
 * Events of a case (立案审查, stream `case-<caseId>`). Their names and fields are agreed with the
 * accountability feature, which builds on them: keep them exactly. Days are `YYYY-MM-DD` (CST).
 */

/** A case was opened (立案) on a preliminary check's conclusion, against its subjects. */
export type CaseOpened = DomainEvent<
  'CaseOpened',
  {
    readonly caseId: string;
    readonly commission: string;
    readonly subjects: readonly { readonly staffNumber: string; readonly unitCode: string }[];
    readonly openedOn: string;
    readonly clueId: string | null;
    readonly preliminaryCheckId: string | null;
  }
>;

/** What a concluded case found at one unit: who, and over which period the conduct ran. */
export interface CaseFinding {
  readonly unitCode: string;
  readonly staffNumbers: readonly string[];
  readonly periodFrom: string;
  readonly periodTo: string;
}

/** The case was concluded (审结) with its findings; announced as `cases.CaseConcluded@1`. */
export type CaseConcluded = DomainEvent<
  'CaseConcluded',
  {
    readonly caseId: string;
    readonly commission: string;
    readonly concludedOn: string;
    readonly findings: readonly CaseFinding[];
  }
>;

export type CaseEvent = CaseOpened | CaseConcluded;
