import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OBLIGATIONS_TABLE_SQL } from './obligations.read-model';

/** The obligations read model: one row per obligation, filtered by unit and status, scanned by due and warning day. */
export class Obligations1764900000400 implements MigrationInterface {
  name = 'Obligations1764900000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(OBLIGATIONS_TABLE_SQL);
    await runner.query('CREATE INDEX resp_obligations_unit ON resp_obligations (unit_code, due_on)');
    await runner.query("CREATE INDEX resp_obligations_pending ON resp_obligations (due_on, warn_from) WHERE status = 'pending'");
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_obligations');
  }
}
