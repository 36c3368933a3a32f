import { ApiProperty } from '@nestjs/swagger';
import { REVIEWED_RESPONSIBILITIES, REVIEWED_SUBJECTS } from '@app/contracts';
import { CommandResponseDto } from '@app/kit';
import { EVIDENCE_KINDS } from './review.evidence';
import { REVIEW_STATUSES } from './review.dto';

export class ReviewFindingResponse extends CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) findingId!: string;
}

export class EscalationTargetView {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
}

export class ReviewEscalatedResponse extends CommandResponseDto {
  @ApiProperty({ type: EscalationTargetView }) escalatedTo!: EscalationTargetView;
}

export class ReviewSubjectView {
  @ApiProperty({ enum: REVIEWED_RESPONSIBILITIES }) responsibility!: string;
  @ApiProperty({ enum: REVIEWED_SUBJECTS }) subject!: string;
  @ApiProperty({ description: 'The committee, or the commission' }) unitCode!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The leader or secretary; null for the organisation' }) staffNumber!:
    string | null;
  @ApiProperty({ example: '2021-01-01', description: 'First day of the period they carried it' }) from!: string;
  @ApiProperty({ example: '2021-06-30', description: 'Last day of the period they carried it' }) to!: string;
  @ApiProperty() acting!: boolean;
}

export class ReviewFindingView {
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty({ enum: REVIEWED_RESPONSIBILITIES }) responsibility!: string;
  @ApiProperty({ enum: REVIEWED_SUBJECTS }) subject!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ type: String, nullable: true }) staffNumber!: string | null;
  @ApiProperty() carriedOut!: boolean;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String] }) evidence!: string[];
  @ApiProperty() on!: string;
  @ApiProperty() by!: string;
}

export class ReviewFailureView {
  @ApiProperty({ enum: REVIEWED_RESPONSIBILITIES }) responsibility!: string;
  @ApiProperty({ enum: REVIEWED_SUBJECTS }) subject!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ type: String, nullable: true }) staffNumber!: string | null;
}

export class ReviewConclusionView {
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [ReviewFailureView] }) failures!: ReviewFailureView[];
  @ApiProperty() on!: string;
  @ApiProperty() by!: string;
}

export class EscalatedFromView {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty() unitCode!: string;
}

export class EscalatedToView {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() on!: string;
}

export class ReviewView {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() handlingCommissionCode!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ example: '2021-01-01' }) periodFrom!: string;
  @ApiProperty({ example: '2022-12-31' }) periodTo!: string;
  @ApiProperty({ type: [String], description: 'The people the case found responsible (当事人)' }) caseStaffNumbers!: string[];
  @ApiProperty({ type: [ReviewSubjectView], description: 'Who carried each responsibility during the period, as the registry had it then' })
  subjects!: ReviewSubjectView[];
  @ApiProperty({ type: [String], description: 'Commissions whose officers record findings' }) reviewingCommissionCodes!: string[];
  @ApiProperty({ type: EscalatedFromView, nullable: true }) escalatedFrom!: EscalatedFromView | null;
  @ApiProperty() openedOn!: string;
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: string;
  @ApiProperty({ type: [ReviewFindingView], description: 'Every finding, oldest first; a later one on the same subject supersedes' })
  findings!: ReviewFindingView[];
  @ApiProperty({ type: EscalatedToView, nullable: true }) escalatedTo!: EscalatedToView | null;
  @ApiProperty({ type: ReviewConclusionView, nullable: true }) conclusion!: ReviewConclusionView | null;
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class ReviewListView {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ type: [ReviewView] }) reviews!: ReviewView[];
}

export class ReviewEvidenceItemView {
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
  @ApiProperty({ enum: REVIEWED_RESPONSIBILITIES }) responsibility!: string;
}

export class ReviewEvidenceView {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ type: [ReviewEvidenceItemView] }) records!: ReviewEvidenceItemView[];
}
