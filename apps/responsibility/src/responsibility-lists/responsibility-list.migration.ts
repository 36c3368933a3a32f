import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateTableSql } from '@app/kit';
import { LISTS_READ_MODEL } from './responsibility-list.read-model';

export class ResponsibilityLists1764900000700 implements MigrationInterface {
  name = 'ResponsibilityLists1764900000700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(LISTS_READ_MODEL as never));
    await runner.query('CREATE INDEX resp_lists_year ON resp_lists (year, unit_code)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_lists');
  }
}
