import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUBJECTS } from '../duty-template/duty-template';
import { DUE_SOON_WITHIN_DAYS } from './responsibility-list.handlers';

/** The schema of a list read, as GetResponsibilityList (responsibility-list.handlers.ts) gives it. */

const DAY = { format: 'date', example: '2026-03-31' } as const;

class ListItemView {
  @ApiProperty({ example: 'committee.3.1', description: '`<subject>.<section>.<clause>` for the seed’s duties' }) key!: string;
  @ApiProperty({ enum: SUBJECTS }) subject!: string;
  @ApiProperty({ example: '研究部署' }) title!: string;
  @ApiPropertyOptional({ description: 'The duty as the seed words it, or as the unit describes an item it added' }) text?: string;
  @ApiProperty({ type: [String], description: 'Staff numbers of the responsible persons' }) responsible!: string[];
  @ApiProperty({ type: [String], description: 'Their names today, in the same order (the staff number when the registry has none)' })
  responsibleNames!: string[];
  @ApiProperty({ ...DAY, description: 'The last day (CST) the item is due' }) deadline!: string;
  @ApiProperty() requiredEvidence!: string;
  @ApiProperty({ example: 4 }) weight!: number;
  @ApiProperty({
    enum: ['on_track', 'due_soon', 'overdue'],
    description: `The deadline warning as of today (三色预警): due_soon within ${DUE_SOON_WITHIN_DAYS} days before the deadline and on it, overdue after it`,
  })
  warning!: string;
}

export class ResponsibilityListResponse {
  @ApiProperty({ example: 'JS-QW' }) unitCode!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ ...DAY, description: 'The day the list was generated' }) createdOn!: string;
  @ApiProperty({ description: 'Revision of the list: 1 when generated, one more each time it is reopened' }) revision!: number;
  @ApiProperty({
    enum: ['drafting', 'submitted', 'approved'],
    description: 'drafting: open to edits; submitted: locked, awaiting signatures; approved: signed',
  })
  status!: string;
  @ApiPropertyOptional({ description: 'Hash of the revision handed in for sign-off (lowercase hex); while submitted or approved only' })
  contentHash?: string;
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
  @ApiProperty({ ...DAY, description: 'The day (CST) names and warnings are given for: today' }) asOf!: string;
  @ApiProperty({ type: [ListItemView] }) items!: ListItemView[];
}
