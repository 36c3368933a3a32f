import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { clueDecider, type ClueState } from './clue.decider';
import type { ClueEvent } from './clue.events';

const of =
  <T>(pick: (clue: Exclude<ClueState, { status: 'absent' }>) => T) =>
  (state: ClueState): T | null =>
    state.status === 'absent' ? null : pick(state);

/** Every clue as its decider folds it, with the commission, status and the pending disposal day to filter on. */
export const CLUES_READ_MODEL: StreamStateReadModel<ClueState, ClueEvent> = {
  name: 'case_clues',
  version: 1,
  table: 'case_clues',
  handles: ['ClueRegistered', 'ClueReviewed', 'ClueDisposalProposed', 'ClueDisposalApproved', 'ClueDisposalOverdue'],
  initialState: clueDecider.initialState,
  evolve: clueDecider.evolve,
  columns: {
    clue_id: { type: 'text', of: of((clue) => clue.clueId) },
    commission: { type: 'text', of: of((clue) => clue.commission) },
    status: { type: 'text', of: (state) => state.status },
    registered_on: { type: 'date', of: of((clue) => clue.registeredOn) },
    /** The disposal decision's day while it is still to be recorded overdue: the deadline job looks at these. */
    next_deadline_on: { type: 'date', of: of((clue) => (clue.status === 'approved' || clue.overdue ? null : clue.disposalDueOn)) },
    overdue: { type: 'boolean', of: of((clue) => clue.status !== 'approved' && clue.overdue) },
  },
};

export const CLUES_PROJECTION = streamStateProjection(CLUES_READ_MODEL);

export class Clues1765000000200 implements MigrationInterface {
  name = 'Clues1765000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(CLUES_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX case_clues_clue_id ON case_clues (clue_id)');
    await runner.query('CREATE INDEX case_clues_commission ON case_clues (commission, registered_on)');
    await runner.query('CREATE INDEX case_clues_next_deadline ON case_clues (next_deadline_on) WHERE next_deadline_on IS NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE case_clues');
  }
}
