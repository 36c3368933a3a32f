import { chinaDay, DomainError, rule, unreachable, type Decider } from '@app/domain';
import { requireValidSignature, SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';
import type { LetterContent } from '../letters/letter-content';
import type { LetterTookEffect } from '../letters/letter.events';
import type { DocumentContent } from './document-content';
import { validContent } from './document-content';
import {
  isDocumentKind,
  isSignOffRole,
  REQUIRED_SIGNERS,
  TWO_PARTY_KINDS,
  type DocumentKind,
  type SignerPost,
  type SignerRequirement,
  type SignOffRole,
} from './document-kinds';
import type { DocumentCommand, DraftDocument, ReviseDocument, SignDocumentVersion, SignOffFacts } from './document.commands';
import type { DocumentEvent, DocumentFullySigned, DocumentVersionSigned } from './document.events';
import { requiredText } from './free-text';
import { isRecordYear, isSm3Hex, isStaffNumber, isUnitCode, isUuid } from './identifiers';

export interface SignOff {
  readonly role: SignOffRole;
  readonly staffNumber: string;
}

export interface DocumentVersion {
  readonly version: number;
  readonly content: DocumentContent;
  readonly contentHash: string;
  readonly signOffs: readonly SignOff[];
}

interface DocumentRecord {
  readonly documentId: string;
  readonly kind: DocumentKind;
  readonly unitCode: string;
  readonly year: number;
  readonly counterpartyUnitCode: string | null;
  readonly requiredSigners: readonly SignerRequirement[];
  /** Oldest first; the last is the current version. */
  readonly versions: readonly DocumentVersion[];
}

export interface AbsentDocument {
  readonly status: 'absent';
}

/** Drafted and open to revision and signatures. */
export interface OpenDocument extends DocumentRecord {
  readonly status: 'open';
}

/** Every required role signed the current version: final, no further revision. */
export interface FullySignedDocument extends DocumentRecord {
  readonly status: 'fully_signed';
  readonly fullySignedOn: string;
}

export type DocumentState = AbsentDocument | OpenDocument | FullySignedDocument;

export const OPINION_MAX_LENGTH = 2000;

export const documentDecider: Decider<DocumentState, DocumentCommand, DocumentEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: DocumentCommand, state: DocumentState): readonly DocumentEvent[] {
  switch (command.type) {
    case 'DraftDocument':
      return draft(command.data, state);
    case 'ReviseDocument':
      return revise(command.data, existing(state));
    case 'SignDocumentVersion':
      return sign(command.data, existing(state), chinaDay(command.metadata.now));
    default:
      return unreachable(command);
  }
}

function draft(data: DraftDocument['data'], state: DocumentState): readonly DocumentEvent[] {
  rule(state.status === 'absent', 'DOCUMENT.ALREADY_EXISTS', `document ${data.documentId} already exists`, 'conflict');
  rule(isUuid(data.documentId), 'DOCUMENT.INVALID_ID', `${String(data.documentId)} is not a lowercase UUID`);
  rule(isDocumentKind(data.kind), 'DOCUMENT.INVALID_KIND', `${String(data.kind)} is not a kind of document`);
  rule(isUnitCode(data.unitCode), 'DOCUMENT.INVALID_UNIT_CODE', `${String(data.unitCode)} is not a unit code`);
  rule(isRecordYear(data.year), 'DOCUMENT.INVALID_YEAR', `${String(data.year)} is not a year from 2000 to 2100`);
  const counterpartyUnitCode = counterparty(data.kind, data.unitCode, data.counterpartyUnitCode);
  const content = validContent(data.kind, data.content);
  requireContentHash(data.contentHash);
  return [
    {
      type: 'DocumentDrafted',
      data: {
        documentId: data.documentId,
        kind: data.kind,
        unitCode: data.unitCode,
        year: data.year,
        counterpartyUnitCode,
        requiredSigners: REQUIRED_SIGNERS[data.kind],
        version: 1,
        content,
        contentHash: data.contentHash,
      },
    },
  ];
}

function counterparty(kind: DocumentKind, unitCode: string, value: string | null | undefined): string | null {
  if (!TWO_PARTY_KINDS.includes(kind)) {
    rule(value === undefined || value === null, 'DOCUMENT.COUNTERPARTY_NOT_ALLOWED', `a ${kind} has no counterparty`);
    return null;
  }
  rule(value !== undefined && value !== null, 'DOCUMENT.COUNTERPARTY_REQUIRED', `a ${kind} names the other party's unit`);
  rule(isUnitCode(value), 'DOCUMENT.INVALID_UNIT_CODE', `${String(value)} is not a unit code`);
  rule(value !== unitCode, 'DOCUMENT.COUNTERPARTY_IS_SELF', `a ${kind} is made between two different units`);
  return value;
}

function revise(data: ReviseDocument['data'], document: OpenDocument | FullySignedDocument): readonly DocumentEvent[] {
  rule(
    document.status === 'open',
    'DOCUMENT.FULLY_SIGNED',
    `document ${document.documentId} is fully signed in version ${current(document).version} and can no longer be revised`,
    'conflict',
  );
  const latest = current(document);
  if (data.basedOnVersion !== latest.version) {
    throw new DomainError(
      'DOCUMENT.STALE_VERSION',
      `version ${String(data.basedOnVersion)} is not the current version ${latest.version}`,
      'conflict',
      { currentVersion: latest.version },
    );
  }
  const content = validContent(document.kind, data.content);
  requireContentHash(data.contentHash);
  if (data.contentHash === latest.contentHash) return [];
  return [
    {
      type: 'DocumentRevised',
      data: { documentId: document.documentId, version: latest.version + 1, content, contentHash: data.contentHash },
    },
  ];
}

function sign(data: SignDocumentVersion['data'], document: OpenDocument | FullySignedDocument, today: string): readonly DocumentEvent[] {
  const role = data.role;
  rule(isSignOffRole(role), 'SIGNOFF.INVALID_ROLE', `${String(role)} is not a sign-off role`);
  const requirement = document.requiredSigners.find((r) => r.role === role);
  rule(requirement, 'SIGNOFF.ROLE_NOT_REQUIRED', `a ${document.kind} is not signed by the ${role} role`);
  const latest = current(document);
  if (data.version !== latest.version || data.contentHash !== latest.contentHash) {
    throw new DomainError(
      'SIGNOFF.VERSION_MISMATCH',
      `the sign-off is for version ${String(data.version)} with hash ${String(data.contentHash)}; the current version is ${latest.version} with hash ${latest.contentHash}`,
      'conflict',
      { currentVersion: latest.version, currentContentHash: latest.contentHash },
    );
  }
  rule(
    !latest.signOffs.some((s) => s.role === role),
    'SIGNOFF.ALREADY_SIGNED',
    `version ${latest.version} is already signed for the ${role} role`,
    'conflict',
  );
  rule(isStaffNumber(data.signerStaffNumber), 'SIGNOFF.INVALID_SIGNER', `${String(data.signerStaffNumber)} is not a staff number`);
  rule(
    !latest.signOffs.some((s) => s.staffNumber === data.signerStaffNumber),
    'SIGNOFF.SIGNER_HAS_SIGNED',
    `${data.signerStaffNumber} already signed version ${latest.version} for another role; each role needs its own person`,
    'conflict',
  );
  const opinion = requiredText(data.opinion, {
    requiredCode: 'SIGNOFF.OPINION_REQUIRED',
    field: 'opinion',
    maxLength: OPINION_MAX_LENGTH,
    chinese: true,
  });
  const algorithm = requireValidSignature(data, data.facts, today);
  const post = entitlingPost(requirement, document, data.signerStaffNumber, data.facts, today);
  const signed: DocumentVersionSigned = {
    type: 'DocumentVersionSigned',
    data: {
      documentId: document.documentId,
      version: latest.version,
      contentHash: latest.contentHash,
      role,
      signerStaffNumber: data.signerStaffNumber,
      signerPost: post.post,
      signerUnitCode: post.unitCode,
      opinion,
      algorithm,
      keyFingerprint: data.keyFingerprint,
      signature: data.signature.toLowerCase(),
      statementFormat: SIGN_OFF_STATEMENT_FORMAT,
      signedOn: today,
    },
  };
  const signOffs = [...latest.signOffs, { role, staffNumber: data.signerStaffNumber }];
  if (!document.requiredSigners.every((r) => signOffs.some((s) => s.role === r.role))) return [signed];
  return [signed, fullySigned(document, latest, signOffs, today), ...tookEffect(document, latest, today)];
}

function entitlingPost(
  requirement: SignerRequirement,
  document: DocumentRecord,
  staffNumber: string,
  facts: SignOffFacts,
  today: string,
): { readonly unitCode: string; readonly post: SignerPost } {
  const unitCode =
    requirement.unit === 'document_unit'
      ? document.unitCode
      : requirement.unit === 'counterparty_unit'
        ? document.counterpartyUnitCode
        : facts.pairedCommissionCode;
  const held = unitCode === null ? undefined : facts.signerPosts.find((p) => p.unitCode === unitCode && isOneOfPosts(requirement, p.post));
  if (!held) {
    throw new DomainError(
      'SIGNOFF.SIGNER_NOT_ENTITLED',
      unitCode === null
        ? `${document.unitCode} had no paired commission on ${today}, so nobody can sign for the ${requirement.role} role`
        : `${staffNumber} did not hold ${requirement.posts.join(' or ')} of ${unitCode} on ${today}`,
      'forbidden',
      { unitCode, posts: requirement.posts },
    );
  }
  return { unitCode: held.unitCode, post: held.post as SignerPost };
}

function isOneOfPosts(requirement: SignerRequirement, post: string): boolean {
  return (requirement.posts as readonly string[]).includes(post);
}

function fullySigned(document: DocumentRecord, version: DocumentVersion, signOffs: readonly SignOff[], today: string): DocumentFullySigned {
  return {
    type: 'DocumentFullySigned',
    data: {
      documentId: document.documentId,
      kind: document.kind,
      unitCode: document.unitCode,
      year: document.year,
      version: version.version,
      contentHash: version.contentHash,
      signers: document.requiredSigners.flatMap((r) => signOffs.filter((s) => s.role === r.role)),
      fullySignedOn: today,
    },
  };
}

function tookEffect(document: DocumentRecord, version: DocumentVersion, today: string): LetterTookEffect[] {
  if (document.kind !== 'responsibility_letter' || document.counterpartyUnitCode === null) return [];
  const content = version.content as LetterContent;
  return [
    {
      type: 'LetterTookEffect',
      data: {
        documentId: document.documentId,
        year: document.year,
        issuerUnitCode: document.unitCode,
        recipientUnitCode: document.counterpartyUnitCode,
        version: version.version,
        contentHash: version.contentHash,
        title: content.title,
        items: content.items.map((item, index) => ({ itemNo: index + 1, text: item.text, deadline: item.deadline })),
        effectiveOn: today,
      },
    },
  ];
}

function evolve(state: DocumentState, event: DocumentEvent): DocumentState {
  if (event.type === 'DocumentDrafted') {
    const { data } = event;
    return {
      status: 'open',
      documentId: data.documentId,
      kind: data.kind,
      unitCode: data.unitCode,
      year: data.year,
      counterpartyUnitCode: data.counterpartyUnitCode,
      requiredSigners: data.requiredSigners,
      versions: [{ version: data.version, content: data.content, contentHash: data.contentHash, signOffs: [] }],
    };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'DocumentRevised': {
      const { version, content, contentHash } = event.data;
      return { ...state, versions: [...state.versions, { version, content, contentHash, signOffs: [] }] };
    }
    case 'DocumentVersionSigned': {
      const { version, role, signerStaffNumber } = event.data;
      return {
        ...state,
        versions: state.versions.map((v) =>
          v.version === version ? { ...v, signOffs: [...v.signOffs, { role, staffNumber: signerStaffNumber }] } : v,
        ),
      };
    }
    case 'DocumentFullySigned':
      return { ...state, status: 'fully_signed', fullySignedOn: event.data.fullySignedOn };
    case 'LetterTookEffect':
      return state;
    default:
      return unreachable(event);
  }
}

function existing(state: DocumentState): OpenDocument | FullySignedDocument {
  if (state.status === 'absent') throw new DomainError('DOCUMENT.NOT_FOUND', 'the document does not exist', 'not_found');
  return state;
}

/** The current (latest) version of a document. */
export function current(document: DocumentRecord): DocumentVersion {
  return document.versions[document.versions.length - 1];
}

function requireContentHash(value: unknown): void {
  rule(
    isSm3Hex(value),
    'DOCUMENT.INVALID_CONTENT_HASH',
    'the content hash is the SM3 of the canonical content, 64 lowercase hex characters',
  );
}
