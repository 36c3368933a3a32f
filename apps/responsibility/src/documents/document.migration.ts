import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateTableSql } from '@app/kit';
import { DOCUMENTS_READ_MODEL } from './document.read-model';

export class Documents1764900000600 implements MigrationInterface {
  name = 'Documents1764900000600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(DOCUMENTS_READ_MODEL as never));
    await runner.query('CREATE INDEX resp_documents_unit_year ON resp_documents (unit_code, year)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_documents');
  }
}
