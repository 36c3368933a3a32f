import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponseDto } from '@app/kit';
import { EvidenceAttachmentDto } from '../tasks/task.dto';

export class LedgerEntryResponse extends CommandResponseDto {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
}

export class LedgerLineView {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ example: '2025-04-10' }) day!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String] }) doneBy!: string[];
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ type: [EvidenceAttachmentDto] }) attachments!: EvidenceAttachmentDto[];
  @ApiProperty() progress!: number;
}

export class TenThingsProjectView {
  @ApiProperty() unitCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty() number!: number;
  @ApiProperty({ example: '带头落实党风廉政建设责任制' }) title!: string;
  @ApiProperty() openedOn!: string;
  @ApiProperty({ enum: ['open', 'in_progress', 'completed'] }) status!: string;
  @ApiProperty({ type: [LedgerLineView], description: 'The ledger as it reads now: corrections stand in place of what they superseded' })
  ledger!: LedgerLineView[];
  @ApiProperty({ type: [String], description: 'Every entry id ever used, superseded ones included' }) entryIds!: string[];
  @ApiProperty({ description: 'Percent, from the last line' }) progress!: number;
  @ApiPropertyOptional() completedOn?: string;
  @ApiProperty({ description: 'Stream version, also the ETag' }) version!: number;
}

export class UnitTenThingsView {
  @ApiProperty() unitCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: [TenThingsProjectView] }) projects!: TenThingsProjectView[];
}
