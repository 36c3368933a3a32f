import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DUAL_REPORTS_TABLE_SQL } from './dual-reports.read-model';

/** The dual reports read model: one row per unit, year and kind. */
export class DualReports1764900000500 implements MigrationInterface {
  name = 'DualReports1764900000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(DUAL_REPORTS_TABLE_SQL);
    await runner.query('CREATE INDEX resp_dual_reports_unit ON resp_dual_reports (unit_code, year, kind)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_dual_reports');
  }
}
