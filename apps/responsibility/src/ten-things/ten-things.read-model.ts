import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { progressOf, tenThingsDecider, type TenThingsState } from './ten-things.decider';
import type { TenThingsEvent } from './ten-things.events';

type Project = Exclude<TenThingsState, { status: 'absent' }>;
const of =
  <T>(pick: (project: Project) => T) =>
  (state: TenThingsState): T | null =>
    state.status === 'absent' ? null : pick(state);

/** Every ten-things project as its stream folds, with its unit, year, number, status and progress. */
export const TEN_THINGS_READ_MODEL: StreamStateReadModel<TenThingsState, TenThingsEvent> = {
  name: 'resp_ten_things',
  version: 1,
  table: 'resp_ten_things',
  handles: ['TenThingsProjectOpened', 'TenThingsLedgerEntryRecorded', 'TenThingsLedgerEntryCorrected', 'TenThingsProjectCompleted'],
  initialState: tenThingsDecider.initialState,
  evolve: tenThingsDecider.evolve,
  columns: {
    unit_code: { type: 'text', of: of((project) => project.unitCode) },
    year: { type: 'integer', of: of((project) => project.year) },
    number: { type: 'integer', of: of((project) => project.number) },
    status: { type: 'text', of: (state) => state.status },
    progress: { type: 'integer', of: of((project) => progressOf(project)) },
  },
};

export const TEN_THINGS_PROJECTION = streamStateProjection(TEN_THINGS_READ_MODEL);

export class TenThings1764900000200 implements MigrationInterface {
  name = 'TenThings1764900000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(TEN_THINGS_READ_MODEL as never));
    await runner.query('CREATE INDEX resp_ten_things_unit_year ON resp_ten_things (unit_code, year, number)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_ten_things');
  }
}
