import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence files, addressed by their SHA-256: events record the hash, this table keeps the bytes. */
export class Evidence1764900000000 implements MigrationInterface {
  name = 'Evidence1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE resp_evidence_files (
        sha256 char(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        media_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        file_name text NOT NULL,
        unit_code text NOT NULL,
        bytes bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_evidence_files;');
  }
}
