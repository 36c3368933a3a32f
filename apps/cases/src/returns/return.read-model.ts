import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { returnDecider, type ReturnState } from './return.decider';
import type { ReturnEvent } from './return.events';

/** Each return that was signed off, submitted or recorded overdue (the stream id names commission and quarter). */
export const RETURNS_READ_MODEL: StreamStateReadModel<ReturnState, ReturnEvent> = {
  name: 'acc_returns',
  version: 2,
  table: 'acc_returns',
  handles: ['AccountabilityReturnSignedOff', 'AccountabilityReturnSubmitted', 'AccountabilityReturnOverdue'],
  initialState: returnDecider.initialState,
  evolve: returnDecider.evolve,
  columns: {
    submitted: { type: 'boolean', of: (state) => state.status === 'submitted' },
    overdue: { type: 'boolean', of: (state) => state.overdue },
  },
};

export const RETURNS_PROJECTION = streamStateProjection(RETURNS_READ_MODEL);

export class AccountabilityReturns1765000000310 implements MigrationInterface {
  name = 'AccountabilityReturns1765000000310';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(RETURNS_READ_MODEL as never));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE acc_returns');
  }
}
