import { ApiProperty, ApiPropertyOptional, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ITEM_TEXT_MAX_LENGTH, MAX_LETTER_ITEMS } from '../letters/letter-content';
import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from './content-fields';
import { DOCUMENT_KINDS, SIGN_OFF_ROLES } from './document-kinds';
import { SIGN_OFF_ALGORITHMS } from '@app/signoffs';

/*
 * The shapes of a version's content (document-content.ts), for the OpenAPI document only: the body
 * keeps `content` as the object received, and the decider checks it for the kind, refusing each
 * fault by its code (DOCUMENT.TITLE_REQUIRED, DOCUMENT.UNKNOWN_CONTENT_FIELD, LETTER.NO_ITEMS, …).
 */

export class TextContentDto {
  @ApiProperty({ maxLength: TITLE_MAX_LENGTH, example: '2025年度党风廉政建设任务分解' }) title!: string;
  @ApiProperty({ maxLength: BODY_MAX_LENGTH }) body!: string;
}

export class LetterItemDto {
  @ApiProperty({ maxLength: ITEM_TEXT_MAX_LENGTH, example: '年内完成全系统廉政风险点排查' }) text!: string;
  @ApiProperty({ format: 'date', example: '2025-06-30', description: 'Last day (CST) for the item' }) deadline!: string;
}

export class LetterContentDto {
  @ApiProperty({ maxLength: TITLE_MAX_LENGTH, example: '2025年度党风廉政建设责任书' }) title!: string;
  @ApiPropertyOptional({ maxLength: BODY_MAX_LENGTH, description: 'The preamble' }) body?: string;
  @ApiProperty({ type: [LetterItemDto], minItems: 1, maxItems: MAX_LETTER_ITEMS, description: 'The commitments, in order' })
  items!: LetterItemDto[];
}

/** The content schema: a responsibility letter's is `LetterContentDto`, every other kind's `TextContentDto`; no other field. */
export const DOCUMENT_CONTENT_SCHEMA: Pick<ApiPropertyOptions, 'anyOf'> = {
  anyOf: [{ $ref: getSchemaPath(TextContentDto) }, { $ref: getSchemaPath(LetterContentDto) }],
};

export class DraftDocumentDto {
  @ApiProperty({ description: 'UUID chosen by the client (a retry with the same id and content is the same draft)' })
  @IsUUID()
  documentId!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind!: string;

  @ApiProperty({ example: 'JS-JYJ' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ description: 'The other party of a responsibility letter' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  counterpartyUnitCode?: string;

  @ApiProperty({
    ...DOCUMENT_CONTENT_SCHEMA,
    description:
      'The version’s content: `{ title, body }` (a letter: `{ title, body?, items: [{ text, deadline }] }`), hashed as RFC 8785 canonical JSON with SM3',
    example: { title: '2025年度党风廉政建设任务分解', body: '……' },
  })
  @IsObject()
  content!: Record<string, unknown>;
}

export class ReviseDocumentDto {
  @ApiProperty({ description: 'The version this revision was made from (the current one)' })
  @IsInt()
  @Min(1)
  basedOnVersion!: number;

  @ApiProperty({ ...DOCUMENT_CONTENT_SCHEMA, description: 'The new version’s content, of the shape the document’s kind takes' })
  @IsObject()
  content!: Record<string, unknown>;
}

export class SignOffDto {
  @ApiProperty({ enum: SIGN_OFF_ROLES })
  @IsIn(SIGN_OFF_ROLES)
  role!: string;

  @ApiProperty({ description: 'The signer’s staff number: the caller themself' })
  @IsString()
  @Length(1, 64)
  signerStaffNumber!: string;

  @ApiProperty({ description: 'The written review opinion (审核意见), exactly as signed' })
  @IsString()
  @Length(1, 2000)
  opinion!: string;

  @ApiProperty({ enum: SIGN_OFF_ALGORITHMS })
  @IsIn(SIGN_OFF_ALGORITHMS)
  algorithm!: string;

  @ApiProperty({ description: 'SM3 fingerprint of the registered key, lowercase hex' })
  @Matches(/^[0-9a-f]{64}$/)
  keyFingerprint!: string;

  @ApiProperty({ description: 'The version’s content hash the signer saw' })
  @Matches(/^[0-9a-f]{64}$/)
  contentHash!: string;

  @ApiProperty({ description: 'Hex signature over the `signoff/v1` statement (Ed25519: 64 bytes; SM2: r‖s, 64 bytes)' })
  @Matches(/^[0-9a-fA-F]{2,512}$/)
  signature!: string;
}

export class DocumentParams {
  @ApiProperty()
  @IsUUID()
  id!: string;
}

export class DocumentVersionParams extends DocumentParams {
  @ApiProperty()
  @Matches(/^[1-9][0-9]{0,5}$/)
  version!: string;
}
