import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateLinesTableSql, streamStateTableSql } from '@app/kit';
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

/** A line per list item, for the compliance counts; the lists read model (version 2) rebuilds to fill it. */
export class ResponsibilityListItems1764900000800 implements MigrationInterface {
  name = 'ResponsibilityListItems1764900000800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateLinesTableSql(LISTS_READ_MODEL as never));
    await runner.query('CREATE INDEX resp_list_items_stream ON resp_list_items (stream_id)');
    await runner.query('CREATE INDEX resp_list_items_year_unit ON resp_list_items (year, unit_code) INCLUDE (item_key, deadline)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_list_items');
  }
}
