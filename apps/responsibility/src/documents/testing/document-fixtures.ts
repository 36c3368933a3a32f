import { testMetadata } from '@app/domain/testing';
import { REQUIRED_SIGNERS, type DocumentKind, type SignOffRole } from '../document-kinds';
import type { DocumentCommand, SignDocumentVersion, SignOffFacts } from '../document.commands';
import type { DocumentDrafted, DocumentRevised, DocumentVersionSigned } from '../document.events';
import type { DocumentContent } from '../document-content';

/** Test data for the document decider's specs (documents/ and letters/). */

export const DOC = '0b7e1f1e-6a57-4c3e-9d1a-2f0c5a4b6e01';
export const UNIT = 'zy-pc';
export const COMMISSION = 'zy-dc';
export const DEPARTMENT = 'zy-fin';
export const LEADER = 'S001';
export const SECRETARY = 'S002';
export const HEAD = 'S003';
export const HASH_1 = '1'.repeat(64);
export const HASH_2 = '2'.repeat(64);
export const SIGNATURE = 'ab'.repeat(64);
/** 2024-06-01 10:00 CST. */
export const SIGNING_DAY = '2024-06-01';

/** A made-up fingerprint per person: 64 hex characters. */
export const fingerprintOf = (staffNumber: string): string => Buffer.from(staffNumber).toString('hex').padStart(64, '0');

export const TEXT_CONTENT: DocumentContent = { title: '2024年度党风廉政建设责任分工', body: '区委书记对全区党风廉政建设负总责。' };
export const LETTER_CONTENT: DocumentContent = {
  title: '2024年度党风廉政建设责任书',
  items: [
    { text: '年内召开党风廉政建设专题会议不少于两次', deadline: '2024-12-31' },
    { text: '对班子成员开展廉政谈话', deadline: '2024-09-30' },
  ],
};

export function documentCommand<T extends DocumentCommand['type']>(
  type: T,
  data: Extract<DocumentCommand, { type: T }>['data'],
  now = new Date('2024-06-01T02:00:00Z'),
): DocumentCommand {
  return { type, data, metadata: testMetadata({ now }) } as DocumentCommand;
}

export const drafted = (
  kind: DocumentKind = 'responsibility_division',
  overrides: Partial<DocumentDrafted['data']> = {},
): DocumentDrafted => ({
  type: 'DocumentDrafted',
  data: {
    documentId: DOC,
    kind,
    unitCode: UNIT,
    year: 2024,
    counterpartyUnitCode: kind === 'responsibility_letter' ? DEPARTMENT : null,
    requiredSigners: REQUIRED_SIGNERS[kind],
    version: 1,
    content: kind === 'responsibility_letter' ? LETTER_CONTENT : TEXT_CONTENT,
    contentHash: HASH_1,
    ...overrides,
  },
});

export const revised = (version: number, contentHash: string, content: DocumentContent = TEXT_CONTENT): DocumentRevised => ({
  type: 'DocumentRevised',
  data: { documentId: DOC, version, content, contentHash },
});

/** Who signs for a role in the fixtures, by which post of which unit. */
export const SIGNERS: Readonly<Record<SignOffRole, { staffNumber: string; post: string; unitCode: string }>> = {
  main_responsibility: { staffNumber: LEADER, post: 'principal_leader', unitCode: UNIT },
  supervisory_responsibility: { staffNumber: SECRETARY, post: 'commission_secretary', unitCode: COMMISSION },
  responsible_subject: { staffNumber: HEAD, post: 'department_head', unitCode: DEPARTMENT },
};

export const versionSigned = (
  role: SignOffRole,
  version = 1,
  contentHash = HASH_1,
  signer = SIGNERS[role],
  signedOn = SIGNING_DAY,
): DocumentVersionSigned => ({
  type: 'DocumentVersionSigned',
  data: {
    documentId: DOC,
    version,
    contentHash,
    role,
    signerStaffNumber: signer.staffNumber,
    signerPost: signer.post as DocumentVersionSigned['data']['signerPost'],
    signerUnitCode: signer.unitCode,
    opinion: '经审阅，同意。',
    algorithm: 'sm2',
    keyFingerprint: fingerprintOf(signer.staffNumber),
    signature: SIGNATURE,
    statementFormat: 'signoff/v1',
    signedOn,
  },
});

/** Facts as the handler would resolve them for `staffNumber` signing on SIGNING_DAY. */
export function factsFor(staffNumber: string, overrides: Partial<SignOffFacts> = {}): SignOffFacts {
  const signer = Object.values(SIGNERS).find((s) => s.staffNumber === staffNumber);
  return {
    key: { staffNumber, algorithm: 'sm2', fingerprint: fingerprintOf(staffNumber), validFrom: '2020-01-01' },
    signatureValid: true,
    signerPosts: signer ? [{ unitCode: signer.unitCode, post: signer.post }] : [],
    pairedCommissionCode: COMMISSION,
    ...overrides,
  };
}

export function signCommand(role: SignOffRole, overrides: Partial<SignDocumentVersion['data']> = {}, now?: Date): DocumentCommand {
  const staffNumber = overrides.signerStaffNumber ?? SIGNERS[role].staffNumber;
  return documentCommand(
    'SignDocumentVersion',
    {
      documentId: DOC,
      version: 1,
      contentHash: HASH_1,
      role,
      signerStaffNumber: staffNumber,
      opinion: '经审阅，同意。',
      algorithm: 'sm2',
      keyFingerprint: fingerprintOf(staffNumber),
      signature: SIGNATURE,
      facts: factsFor(staffNumber),
      ...overrides,
    },
    now,
  );
}
