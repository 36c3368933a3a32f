import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { SIGN_OFF_ALGORITHMS } from '@app/signoffs';
import { IsCalendarDay } from '@app/kit';
import { INQUIRY_OUTCOMES } from './inquiry.events';

export class SendLetterDto {
  @ApiProperty({ example: '2026-03-02', description: 'The day the inquiry letter (函询函) was sent' })
  @IsCalendarDay()
  sentOn!: string;
}

export class ReplyContentDto {
  @ApiProperty({ example: '关于有关问题的说明' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: '本人对函询反映的问题作如下说明……', description: 'The written explanation (说明), at most 1000 characters' })
  @IsString()
  @Length(1, 1000)
  body!: string;
}

/** The reply content as a query: what GET /inquiries/{id}/reply-hash hashes. */
export class ReplyHashQuery extends ReplyContentDto {}

export class SignedReplyDto {
  @ApiProperty({ example: 1, description: 'The version signed: the next one (GET reply-hash gives it)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  version!: number;

  @ApiProperty({ type: ReplyContentDto, description: 'Kept exactly as received: it is hashed and signed' })
  @ValidateNested()
  @Type(() => ReplyContentDto)
  content!: ReplyContentDto;

  @ApiProperty({ example: 'S-0001', description: 'The principal leader of the respondent’s Party committee on the signing day' })
  @IsString()
  @Length(1, 32)
  signerStaffNumber!: string;

  @ApiProperty({ example: '经审核，说明情况属实。', description: 'The endorsement opinion, exactly as signed' })
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

export class OutcomeDto {
  @ApiProperty({ enum: INQUIRY_OUTCOMES, description: '予以了结, 提醒谈话, 批评教育, 诫勉, or 转初步核实' })
  @IsIn(INQUIRY_OUTCOMES)
  outcome!: string;

  @ApiProperty({ example: '说明情况属实，予以了结' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
