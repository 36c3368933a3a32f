import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDay } from '@app/kit';
import { MAX_ATTACHMENTS_PER_ENTRY } from '../duty-template/evidence-attachments';
import { EvidenceAttachmentDto } from '../tasks/task.dto';
import { FOLLOW_UP_OUTCOMES } from './follow-up.events';

export class RecordRefDto {
  @ApiProperty({ example: 'ten-things-JS-JYJ-2025-3', description: 'The stream of the unit’s record the notice is about' })
  @IsString()
  @Length(1, 200)
  streamId!: string;

  @ApiPropertyOptional({ description: 'An item key or entry id within the record, when narrower' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  item?: string;
}

export class IssueFollowUpDto {
  @ApiProperty({ example: 'JS-JYJ', description: 'The unit supervised; the caller acts for the commission paired with it today' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @ApiProperty({ type: RecordRefDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RecordRefDto)
  record!: RecordRefDto;

  @ApiProperty({ example: '台账佐证材料不全，请补充谈话记录' })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiProperty({ example: '2025-05-31', description: 'The day the answer is due' })
  @IsCalendarDay()
  deadline!: string;
}

export class FollowUpCommentDto {
  @ApiProperty({ example: '答复未说明整改时限' })
  @IsString()
  @Length(1, 2000)
  text!: string;
}

export class FollowUpAnswerDto {
  @ApiProperty({ example: '已补充谈话记录，见附件' })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiPropertyOptional({ type: [EvidenceAttachmentDto], description: 'Evidence uploaded beforehand with POST /evidence' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS_PER_ENTRY)
  @ValidateNested({ each: true })
  @Type(() => EvidenceAttachmentDto)
  attachments?: EvidenceAttachmentDto[];
}

export class CloseFollowUpDto {
  @ApiProperty({ enum: FOLLOW_UP_OUTCOMES })
  @IsIn(FOLLOW_UP_OUTCOMES)
  outcome!: string;

  @ApiPropertyOptional({ example: '整改到位' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  remark?: string;
}

export class FollowUpParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}
