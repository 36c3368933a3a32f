import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SubjectView } from '../cases/case.responses';
import { INQUIRY_OUTCOMES } from './inquiry.events';

export class ReplyVersionView {
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'SM3 of the RFC 8785 JSON of the content' }) contentHash!: string;
  @ApiProperty() receivedOn!: string;
  @ApiProperty({ description: 'After the due day' }) late!: boolean;
  @ApiProperty({ description: 'The endorsing principal leader' }) signerStaffNumber!: string;
}

export class InquiryView {
  @ApiProperty({ format: 'uuid' }) inquiryId!: string;
  @ApiProperty({ enum: ['opened', 'letter_sent', 'replied', 'concluded'] }) status!: string;
  @ApiProperty() commission!: string;
  @ApiProperty({ format: 'uuid' }) clueId!: string;
  @ApiProperty({ type: SubjectView }) respondent!: SubjectView;
  @ApiProperty() openedOn!: string;
  @ApiPropertyOptional() letterSentOn?: string;
  @ApiPropertyOptional({ description: 'Rule letter_inquiry.reply from the letter' }) replyDueOn?: string;
  @ApiProperty({ type: [ReplyVersionView] }) replies!: ReplyVersionView[];
  @ApiPropertyOptional({ description: 'The day the missed reply was recorded' }) overdueMarkedOn?: string;
  @ApiPropertyOptional({ enum: INQUIRY_OUTCOMES }) outcome?: string;
  @ApiPropertyOptional() concludedOn?: string;
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class ReplyToSignView {
  @ApiProperty({ format: 'uuid', description: 'The statement’s document= line: the inquiry' }) documentId!: string;
  @ApiProperty({ description: 'The version the reply will be' }) version!: number;
  @ApiProperty({ description: 'content-sm3=: SM3 of the RFC 8785 canonical JSON of {title, body}' }) contentHash!: string;
  @ApiProperty({ example: 'inquiry_reply_endorsement' }) role!: string;
  @ApiProperty({ example: 'signoff/v1' }) statementFormat!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who must sign today' }) signerStaffNumber!: string | null;
}
