import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { SIGN_OFF_ALGORITHMS } from '@app/signoffs';

/** A secretary's signed sign-off of a return or a bulletin: what they signed and the signature. */
export class SignOffDto {
  @ApiProperty({ example: 1, description: 'The version signed (the GET …-hash route gives it)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  version!: number;

  @ApiProperty({ description: 'The content hash signed (content-sm3=, 64 lowercase hex), as the GET …-hash route gave it' })
  @Matches(/^[0-9a-f]{64}$/)
  contentHash!: string;

  @ApiProperty({ example: 'S-0001', description: 'The commission’s secretary on the signing day: the caller' })
  @IsString()
  @Length(1, 32)
  signerStaffNumber!: string;

  @ApiProperty({ example: '同意签发。', description: 'The sign-off opinion, exactly as signed' })
  @IsString()
  @Length(1, 1000)
  opinion!: string;

  @ApiProperty({ enum: SIGN_OFF_ALGORITHMS })
  @IsIn(SIGN_OFF_ALGORITHMS)
  algorithm!: string;

  @ApiProperty({ description: 'Fingerprint of the signer’s registered key (64 lowercase hex)' })
  @Matches(/^[0-9a-f]{64}$/)
  keyFingerprint!: string;

  @ApiProperty({ description: 'Signature over the signoff/v1 statement, 128 hex' })
  @Matches(/^[0-9a-fA-F]{128}$/)
  signature!: string;
}

/** The fixed lines of the `signoff/v1` statement a sign-off signs, and who must sign. */
export class ToSignView {
  @ApiProperty({ description: 'The statement’s document= line: the stream id' }) documentId!: string;
  @ApiProperty({ description: 'The statement’s version= line' }) version!: number;
  @ApiProperty({ description: 'content-sm3=: SM3 of the RFC 8785 canonical JSON of the content' }) contentHash!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ example: 'signoff/v1' }) statementFormat!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who must sign today: the commission’s secretary' })
  signerStaffNumber!: string | null;
}
