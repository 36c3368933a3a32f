import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DUAL_REPORT_RECIPIENT_ROLES } from './dual-report.events';

export class DualReportTriggerView {
  @ApiProperty({ example: 'ClueDisposalApproved' }) type!: string;
  @ApiProperty() eventId!: string;
}

export class DualReportRecipientView {
  @ApiProperty({ enum: DUAL_REPORT_RECIPIENT_ROLES }) role!: string;
  @ApiProperty() unitCode!: string;
  @ApiPropertyOptional() acknowledgedOn?: string;
  @ApiPropertyOptional() acknowledgedBy?: string;
  @ApiPropertyOptional({ description: 'Acknowledged after the due day' }) late?: boolean;
  @ApiProperty({ description: 'The acknowledgement was recorded overdue' }) overdue!: boolean;
}

export class DualReportView {
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ enum: ['open', 'acknowledged'] }) status!: string;
  @ApiProperty({ example: 'clue_disposal', description: 'What was reported (a matter of DUAL_REPORT_TRIGGERS)' }) matter!: string;
  @ApiProperty({ description: 'The clue or case' }) matterId!: string;
  @ApiProperty({ description: 'The reporting commission' }) commission!: string;
  @ApiProperty({ description: 'The day of the decision; recipients as of this day' }) decidedOn!: string;
  @ApiProperty({ type: DualReportTriggerView }) trigger!: DualReportTriggerView;
  @ApiProperty({ type: [DualReportRecipientView] }) recipients!: DualReportRecipientView[];
  @ApiProperty({ enum: DUAL_REPORT_RECIPIENT_ROLES, isArray: true, description: 'Roles the registry had nobody for' })
  unresolved!: string[];
  @ApiProperty() reportedOn!: string;
  @ApiProperty({ description: 'Rule dual_report.acknowledgement (10 working days, an invented parameter)' }) acknowledgementDueOn!: string;
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class DualReportListView {
  @ApiProperty({ type: [DualReportView] }) items!: DualReportView[];
}
