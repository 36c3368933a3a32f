import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHECK_DECISIONS } from './preliminary-check.events';

export class SubjectView {
  @ApiProperty() staffNumber!: string;
  @ApiProperty() unitCode!: string;
}

export class PreliminaryCheckView {
  @ApiProperty({ format: 'uuid' }) checkId!: string;
  @ApiProperty({ enum: ['open', 'concluded'] }) status!: string;
  @ApiProperty() commission!: string;
  @ApiProperty({ format: 'uuid' }) clueId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The inquiry escalated to this check' }) inquiryId!:
    string | null;
  @ApiProperty({ type: [SubjectView] }) subjects!: SubjectView[];
  @ApiProperty() openedOn!: string;
  @ApiPropertyOptional({ enum: CHECK_DECISIONS }) decision?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'open_case: the case opened' }) caseId?: string | null;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() concludedOn?: string;
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class FindingView {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ type: [String] }) staffNumbers!: string[];
  @ApiProperty() periodFrom!: string;
  @ApiProperty() periodTo!: string;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ['open', 'concluded'] }) status!: string;
  @ApiProperty() commission!: string;
  @ApiProperty({ type: [SubjectView] }) subjects!: SubjectView[];
  @ApiProperty() openedOn!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) clueId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) preliminaryCheckId!: string | null;
  @ApiPropertyOptional() concludedOn?: string;
  @ApiPropertyOptional({ type: [FindingView] }) findings?: FindingView[];
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class TimelineEntryView {
  @ApiProperty({ example: 'case-…' }) streamId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'CaseOpened' }) type!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event as stored; personal values masked' })
  data!: Record<string, unknown>;
}

export class CaseTimelineView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: [TimelineEntryView], description: 'Clue → inquiry → preliminary check → case, in log order' })
  events!: TimelineEntryView[];
}
