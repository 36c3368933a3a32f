import { ApiProperty } from '@nestjs/swagger';
import type { DocumentContent } from './document-content';
import { DOCUMENT_KINDS, SIGN_OFF_ROLES, SIGNER_POSTS, SIGNER_UNITS } from './document-kinds';
import { DOCUMENT_CONTENT_SCHEMA } from './document.dto';

/** The schemas of the document reads, as GetDocument and GetDocumentVersion (document.handlers.ts) give them. */

const CONTENT_HASH = { description: 'SM3 of the RFC 8785 canonical JSON of `content`, lowercase hex: what a signer signs' } as const;

class SignerRequirementView {
  @ApiProperty({ enum: SIGN_OFF_ROLES }) role!: string;
  @ApiProperty({ enum: SIGNER_POSTS, isArray: true, description: 'The posts any of which entitles a signer for the role' })
  posts!: string[];
  @ApiProperty({
    enum: SIGNER_UNITS,
    description: 'Whose post: the document’s unit, the commission paired with it on the signing day, or the other party of a letter',
  })
  unit!: string;
}

class SignOffView {
  @ApiProperty({ enum: SIGN_OFF_ROLES }) role!: string;
  @ApiProperty({ description: 'The signer’s staff number' }) staffNumber!: string;
}

class DocumentVersionView {
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ ...DOCUMENT_CONTENT_SCHEMA, description: 'The version’s content, of the shape the document’s kind takes' })
  content!: DocumentContent;
  @ApiProperty(CONTENT_HASH) contentHash!: string;
  @ApiProperty({ type: [SignOffView], description: 'The roles signed so far, in order of signing' }) signOffs!: SignOffView[];
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: string;
  @ApiProperty({ example: 'JS-JYJ' }) unitCode!: string;
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The other party of a responsibility letter; null for other kinds' })
  counterpartyUnitCode!: string | null;
  @ApiProperty({ enum: ['open', 'fully_signed'], description: 'fully_signed: every required role signed the last version, which is final' })
  status!: string;
  @ApiProperty({ type: [SignerRequirementView], description: 'Who must sign each version, fixed when the document was drafted' })
  requiredSigners!: SignerRequirementView[];
  @ApiProperty({ type: [DocumentVersionView], description: 'Oldest first; the last is the current version' })
  versions!: DocumentVersionView[];
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class DocumentVersionResponse extends DocumentVersionView {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({
    enum: ['current', 'superseded', 'fully_signed'],
    description: 'current: the last version, open to signatures; superseded: a later version exists; fully_signed: the final version',
  })
  status!: string;
}
