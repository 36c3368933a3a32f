import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IMPORT_STATUSES, type ImportJobRow } from './import-job.entity';
import { SHEET_NAMES } from './import-sheets';

export class ImportQuery {
  @ApiPropertyOptional({ enum: SHEET_NAMES, description: 'Required for a CSV file: the one sheet it holds. Ignored for XLSX.' })
  @IsOptional()
  @IsIn(SHEET_NAMES)
  sheet?: (typeof SHEET_NAMES)[number];
}

export class ImportIssueView {
  @ApiPropertyOptional({ enum: SHEET_NAMES }) sheet?: string;
  @ApiPropertyOptional({ description: 'Row number as shown in the spreadsheet' }) row?: number;
  @ApiPropertyOptional({ example: 'effectiveFrom' }) column?: string;
  @ApiProperty({ example: 'IMPORT.BAD_DATE' }) code!: string;
  @ApiProperty() message!: string;
}

export class ImportSheetView {
  @ApiProperty({ enum: SHEET_NAMES }) sheet!: string;
  @ApiProperty({ description: 'Data rows found' }) rows!: number;
}

export class ImportJobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['xlsx', 'csv'] }) format!: string;
  @ApiProperty({ type: [ImportSheetView] }) sheets!: ImportSheetView[];
  @ApiProperty({ description: 'Data rows in the file' }) total!: number;
  @ApiProperty({ description: 'Rows checked' }) validated!: number;
  @ApiProperty({ description: 'Rows whose changes were written' }) applied!: number;
  @ApiProperty({ description: 'Rows already in the registry (imported before, or the same facts)' }) unchanged!: number;
  @ApiProperty({ type: [ImportIssueView], description: 'Why the file was rejected, each bad row named' }) errors!: ImportIssueView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null until the job is done' }) finishedAt!: string | null;
}

export function importJobView(job: ImportJobRow): ImportJobView {
  return {
    id: job.id,
    status: job.status,
    fileName: job.fileName,
    format: job.format,
    sheets: job.sheets,
    total: job.total,
    validated: job.validated,
    applied: job.applied,
    unchanged: job.unchanged,
    errors: job.errors ?? [],
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export class ImportListView {
  @ApiProperty({ type: [ImportJobView], description: 'Newest first; errors left out' }) imports!: ImportJobView[];
}
