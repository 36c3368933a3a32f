import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlannedStep } from './import-plan';
import type { ImportIssue, SheetName } from './import-sheets';

export const IMPORT_STATUSES = ['validating', 'rejected', 'applying', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * An import job, kept so that its progress and report survive a restart. The file is kept only
 * until it is validated, the plan only until it is applied: both may hold personal data.
 */
@Entity({ name: 'reg_import_jobs' })
export class ImportJobRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) status!: ImportStatus;
  @Column({ type: 'text', name: 'file_name' }) fileName!: string;
  @Column({ type: 'text', name: 'file_sha256' }) fileSha256!: string;
  @Column({ type: 'text' }) format!: 'xlsx' | 'csv';
  /** The sheet a CSV file holds. */
  @Column({ type: 'text', name: 'csv_sheet', nullable: true }) csvSheet!: SheetName | null;
  @Column({ type: 'bytea', nullable: true }) file!: Buffer | null;
  @Column({ type: 'jsonb' }) sheets!: { sheet: SheetName; rows: number }[];
  @Column({ type: 'integer' }) total!: number;
  @Column({ type: 'integer' }) validated!: number;
  @Column({ type: 'integer' }) applied!: number;
  @Column({ type: 'integer' }) unchanged!: number;
  @Column({ type: 'jsonb' }) errors!: ImportIssue[];
  @Column({ type: 'jsonb', nullable: true }) plan!: PlannedStep[] | null;
  @Column({ type: 'text', name: 'requested_by' }) requestedBy!: string;
  @Column({ type: 'text', name: 'correlation_id' }) correlationId!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
