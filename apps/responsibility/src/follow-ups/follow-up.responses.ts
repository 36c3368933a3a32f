import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponseDto } from '@app/kit';
import { EvidenceAttachmentDto } from '../tasks/task.dto';
import { FOLLOW_UP_OUTCOMES } from './follow-up.events';
import { RecordRefDto } from './follow-up.dto';

export class FollowUpIssuedResponse extends CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) noticeId!: string;
}

export class FollowUpAnsweredResponse extends CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) answerId!: string;
}

export class FollowUpCommentView {
  @ApiProperty() text!: string;
  @ApiProperty({ example: '2025-05-20' }) on!: string;
  @ApiProperty() by!: string;
}

export class FollowUpAnswerView {
  @ApiProperty({ format: 'uuid' }) answerId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [EvidenceAttachmentDto] }) attachments!: EvidenceAttachmentDto[];
  @ApiProperty() on!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ description: 'Given after the deadline' }) late!: boolean;
}

export class FollowUpClosingView {
  @ApiProperty({ enum: FOLLOW_UP_OUTCOMES }) outcome!: string;
  @ApiPropertyOptional() remark?: string;
  @ApiProperty() on!: string;
  @ApiProperty() by!: string;
}

export class FollowUpView {
  @ApiProperty({ format: 'uuid' }) noticeId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() commissionCode!: string;
  @ApiProperty({ type: RecordRefDto }) record!: RecordRefDto;
  @ApiProperty() text!: string;
  @ApiProperty() deadline!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() issuedBy!: string;
  @ApiProperty({ enum: ['issued', 'answered', 'closed'] }) status!: string;
  @ApiProperty({ type: [FollowUpCommentView] }) comments!: FollowUpCommentView[];
  @ApiProperty({ type: [FollowUpAnswerView] }) answers!: FollowUpAnswerView[];
  @ApiPropertyOptional({ type: FollowUpClosingView }) closing?: FollowUpClosingView;
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class UnitFollowUpsView {
  @ApiProperty() unitCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: [FollowUpView] }) notices!: FollowUpView[];
}
