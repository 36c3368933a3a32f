import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponseDto } from '@app/kit';

export class DecisionRecordedResponse extends CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
}

export class SanctionView {
  @ApiProperty({ enum: ['party', 'administrative'] }) kind!: string;
  @ApiProperty() type!: string;
  @ApiProperty() effectiveOn!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Last day of the impact period (影响期); null: no end' })
  impactEndsOn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) impactMonths!: number | null;
  @ApiProperty({ enum: [1, 2, 3, 4], description: 'Four forms (四种形态)' }) form!: number;
  @ApiProperty() imposedOn!: string;
}

export class TargetView {
  @ApiProperty({ enum: ['organisation', 'cadre'] }) kind!: string;
  @ApiProperty() unitCode!: string;
  @ApiPropertyOptional({ description: 'Cadres: the staff number' }) staffNumber?: string;
}

export class DecisionView {
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty() commission!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) caseId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) matterId!: string | null;
  @ApiProperty({ type: TargetView }) target!: TargetView;
  @ApiProperty({ type: [String] }) measures!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) adjustment!: string | null;
  @ApiProperty() typical!: boolean;
  @ApiProperty() decidedOn!: string;
  @ApiProperty({ description: 'Formalities due (rule accountability.formalities)' }) formalitiesDueOn!: string;
  @ApiPropertyOptional() formalitiesCompletedOn?: string;
  @ApiProperty() formalitiesOverdue!: boolean;
  @ApiProperty({ description: 'Last day of the appeal window (rule accountability.appeal_window)' }) appealUntil!: string;
  @ApiPropertyOptional() appealLodgedOn?: string;
  @ApiProperty({ type: [SanctionView] }) sanctions!: SanctionView[];
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Cadres: the four forms (四种形态) it is counted in' }) form!:
    number | null;
  @ApiProperty() version!: number;
}

export class DecisionListView {
  @ApiProperty({ type: [DecisionView] }) items!: DecisionView[];
}

export class SanctionLineView {
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty() staffNumber!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() type!: string;
  @ApiProperty() effectiveOn!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) impactEndsOn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) impactMonths!: number | null;
  @ApiProperty() form!: number;
}

export class SanctionListView {
  @ApiProperty({ type: [SanctionLineView] }) items!: SanctionLineView[];
}

export class MatterView {
  @ApiProperty({ format: 'uuid' }) matterId!: string;
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() commission!: string;
  @ApiProperty() unitCode!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) staffNumber!: string | null;
  @ApiProperty({ enum: ['main', 'supervisory'] }) responsibility!: string;
  @ApiProperty({ enum: ['committee', 'principal_leader', 'commission', 'secretary'] }) subject!: string;
  @ApiProperty() periodFrom!: string;
  @ApiProperty() periodTo!: string;
  @ApiProperty() openedOn!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionId!: string | null;
}

export class MatterListView {
  @ApiProperty({ type: [MatterView] }) items!: MatterView[];
}
