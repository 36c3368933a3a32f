import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportJobs1764060000000 implements MigrationInterface {
  name = 'ImportJobs1764060000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE reg_import_jobs (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('validating', 'rejected', 'applying', 'completed', 'failed')),
        file_name text NOT NULL,
        file_sha256 text NOT NULL,
        format text NOT NULL CHECK (format IN ('xlsx', 'csv')),
        csv_sheet text,
        file bytea,
        sheets jsonb NOT NULL DEFAULT '[]'::jsonb,
        total integer NOT NULL DEFAULT 0,
        validated integer NOT NULL DEFAULT 0,
        applied integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        plan jsonb,
        requested_by text NOT NULL,
        correlation_id text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz
      );
      CREATE INDEX reg_import_jobs_unfinished ON reg_import_jobs (created_at) WHERE status IN ('validating', 'applying');
      CREATE INDEX reg_import_jobs_created ON reg_import_jobs (created_at DESC);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE reg_import_jobs;');
  }
}
