import type { DocumentKind } from '../documents/document-kinds';

/**
 * §8 双报告. `main`: the principal leader of a Party committee (group) reports last year's
 * main-responsibility performance to the higher Party committee AND the higher commission.
 * `supervisory`: the commission (group) reports its supervisory performance to the Party committee
 * of the same level AND the higher commission. Both are written at the start of the year.
 */
export const DUAL_REPORT_KINDS = ['main', 'supervisory'] as const;
export type DualReportKind = (typeof DUAL_REPORT_KINDS)[number];

export const RECIPIENT_ROLES = ['higher_party_committee', 'higher_commission', 'same_level_party_committee'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

/** Each kind goes to exactly these recipients, one unit each. */
export const REQUIRED_RECIPIENTS: Readonly<Record<DualReportKind, readonly RecipientRole[]>> = {
  main: ['higher_party_committee', 'higher_commission'],
  supervisory: ['same_level_party_committee', 'higher_commission'],
};

/** The kind of signed document a report submits. */
export const REPORT_DOCUMENT_KIND: Readonly<Record<DualReportKind, DocumentKind>> = {
  main: 'main_responsibility_report',
  supervisory: 'supervisory_responsibility_report',
};

export function isDualReportKind(value: unknown): value is DualReportKind {
  return (DUAL_REPORT_KINDS as readonly unknown[]).includes(value);
}

/** The reference an obligation to submit this report names as its subject. */
export function dualReportSubject(unitCode: string, year: number, kind: DualReportKind): string {
  return `dual_report:${unitCode}:${year}:${kind}`;
}
