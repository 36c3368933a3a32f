/**
 * Documents that must be reviewed and signed (seed §9 签字背书, §8 双报告) and who signs each kind.
 * The requirement is data: each kind lists the roles that must sign a version, the posts that may
 * sign for a role, and whose post it is, all as held on the signing day.
 */

export const DOCUMENT_KINDS = [
  'responsibility_division', // 党风廉政责任分工
  'task_decomposition', // 任务分解
  'year_end_report', // 年终工作总结报告
  'responsibility_letter', // 党风廉政责任书 (letters/)
  'main_responsibility_report', // §8 主要负责人履行主体责任情况报告
  'supervisory_responsibility_report', // §8 纪委履行监督责任情况报告
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const SIGN_OFF_ROLES = [
  'main_responsibility', // 主体责任人
  'supervisory_responsibility', // 监督责任人
  'responsible_subject', // 责任对象 (the other party of a responsibility letter)
] as const;
export type SignOffRole = (typeof SIGN_OFF_ROLES)[number];

/** The registry's names of the posts that can sign. */
export const SIGNER_POSTS = ['principal_leader', 'commission_secretary', 'inspection_group_head', 'department_head'] as const;
export type SignerPost = (typeof SIGNER_POSTS)[number];

/**
 * Whose post a signer must hold: the document's own unit, the discipline commission (or group)
 * paired with that unit on the signing day, or the other party of a letter.
 */
export const SIGNER_UNITS = ['document_unit', 'paired_commission', 'counterparty_unit'] as const;
export type SignerUnit = (typeof SIGNER_UNITS)[number];

export interface SignerRequirement {
  readonly role: SignOffRole;
  readonly posts: readonly SignerPost[];
  readonly unit: SignerUnit;
}

const MAIN: SignerRequirement = { role: 'main_responsibility', posts: ['principal_leader'], unit: 'document_unit' };
const SUPERVISORY_OF_PAIR: SignerRequirement = {
  role: 'supervisory_responsibility',
  posts: ['commission_secretary', 'inspection_group_head'],
  unit: 'paired_commission',
};

/**
 * §9: the main-responsibility and the supervisory-responsibility persons review and sign the
 * division, the decomposition and the year-end report. A letter is signed by the issuing
 * committee's principal leader and the head of the other party. §8 reports are signed by their
 * author: the principal leader, or the commission's secretary (group head) for its own report.
 */
export const REQUIRED_SIGNERS: Readonly<Record<DocumentKind, readonly SignerRequirement[]>> = {
  responsibility_division: [MAIN, SUPERVISORY_OF_PAIR],
  task_decomposition: [MAIN, SUPERVISORY_OF_PAIR],
  year_end_report: [MAIN, SUPERVISORY_OF_PAIR],
  responsibility_letter: [
    MAIN,
    {
      role: 'responsible_subject',
      posts: ['principal_leader', 'department_head', 'commission_secretary', 'inspection_group_head'],
      unit: 'counterparty_unit',
    },
  ],
  main_responsibility_report: [MAIN],
  supervisory_responsibility_report: [
    { role: 'supervisory_responsibility', posts: ['commission_secretary', 'inspection_group_head'], unit: 'document_unit' },
  ],
};

/** Kinds made between two parties: they name a counterparty unit when drafted. */
export const TWO_PARTY_KINDS: readonly DocumentKind[] = ['responsibility_letter'];

export function isDocumentKind(value: unknown): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly unknown[]).includes(value);
}

export function isSignOffRole(value: unknown): value is SignOffRole {
  return (SIGN_OFF_ROLES as readonly unknown[]).includes(value);
}
