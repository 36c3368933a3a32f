import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponseDto } from '@app/kit';
import { CLUE_DISPOSAL_METHODS, CLUE_SOURCES } from './clue.events';

const STATUSES = ['registered', 'reviewed', 'proposed', 'approved'];

export class ClueRegisteredResponse extends CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) clueId!: string;
}

export class ClueSubjectView {
  @ApiProperty() staffNumber!: string;
  @ApiProperty() unitCode!: string;
}

export class ClueReviewView {
  @ApiProperty({ example: '2026-03-10' }) reviewedOn!: string;
  @ApiProperty({ type: [String] }) participants!: string[];
  @ApiProperty() by!: string;
}

export class RequiredApprovalView {
  @ApiProperty({ example: 'committee_principal', description: 'The row of CLUE_APPROVAL_RULES that applies' }) rank!: string;
  @ApiProperty({ type: [String], description: 'Posts in the handling commission, any one of which approves' }) approverPosts!: string[];
}

export class ClueProposalView {
  @ApiProperty({ enum: CLUE_DISPOSAL_METHODS }) method!: string;
  @ApiProperty({ type: RequiredApprovalView }) approval!: RequiredApprovalView;
  @ApiProperty() proposedOn!: string;
  @ApiProperty() by!: string;
}

export class ClueView {
  @ApiProperty({ format: 'uuid' }) clueId!: string;
  @ApiProperty({ example: 'XS-2026-1A2B3C4D' }) number!: string;
  @ApiProperty() commission!: string;
  @ApiProperty({ enum: CLUE_SOURCES }) source!: string;
  @ApiPropertyOptional({ format: 'uuid' }) petitionId?: string;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty({ type: [ClueSubjectView] }) subjects!: ClueSubjectView[];
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty() registeredOn!: string;
  @ApiProperty() recordedOn!: string;
  @ApiProperty({ description: 'The disposal decision is due by this day (rule clue.disposal_decision)' }) disposalDueOn!: string;
  @ApiProperty({ type: [ClueReviewView] }) reviews!: ClueReviewView[];
  @ApiPropertyOptional({ type: ClueProposalView }) proposal?: ClueProposalView;
  @ApiPropertyOptional() approvedOn?: string;
  @ApiPropertyOptional() approvedBy?: string;
  @ApiProperty({ description: 'The disposal decision was recorded overdue' }) overdue!: boolean;
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class ClueListItem {
  @ApiProperty({ format: 'uuid' }) clueId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: CLUE_SOURCES }) source!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty() registeredOn!: string;
  @ApiProperty() disposalDueOn!: string;
  @ApiPropertyOptional({ enum: CLUE_DISPOSAL_METHODS, description: 'Proposed or approved method' }) method?: string;
  @ApiPropertyOptional() approvedOn?: string;
  @ApiProperty() overdue!: boolean;
}

export class ClueListView {
  @ApiProperty({ type: [ClueListItem] }) items!: ClueListItem[];
}
