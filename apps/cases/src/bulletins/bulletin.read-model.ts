import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { bulletinDecider, type BulletinState } from './bulletin.decider';
import type { BulletinEvent } from './bulletin.events';

/** Each bulletin's folded state (the stream id names commission and period). */
export const BULLETINS_READ_MODEL: StreamStateReadModel<BulletinState, BulletinEvent> = {
  name: 'acc_bulletins',
  version: 2,
  table: 'acc_bulletins',
  handles: ['TypicalCaseBulletinCompiled', 'TypicalCaseBulletinReviewed', 'TypicalCaseBulletinSigned', 'TypicalCaseBulletinPublished'],
  initialState: bulletinDecider.initialState,
  evolve: bulletinDecider.evolve,
  columns: { status: { type: 'text', of: (state) => state.status } },
};

export const BULLETINS_PROJECTION = streamStateProjection(BULLETINS_READ_MODEL);

export class TypicalCaseBulletins1765000000320 implements MigrationInterface {
  name = 'TypicalCaseBulletins1765000000320';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(BULLETINS_READ_MODEL as never));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE acc_bulletins');
  }
}
