import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { caseDecider, type CaseState } from './case.decider';
import type { CaseEvent } from './case.events';
import { preliminaryCheckDecider, type PreliminaryCheckState } from './preliminary-check.decider';
import type { PreliminaryCheckEvent } from './preliminary-check.events';

const id =
  <S extends { status: string }>(pick: (state: Exclude<S, { status: 'absent' }>) => string | null) =>
  (state: S): string | null =>
    state.status === 'absent' ? null : pick(state as Exclude<S, { status: 'absent' }>);

/** Every preliminary check, its folded state, by id, commission and clue. */
export const PRELIMINARY_CHECKS_READ_MODEL: StreamStateReadModel<PreliminaryCheckState, PreliminaryCheckEvent> = {
  name: 'case_preliminary_checks',
  version: 1,
  table: 'case_preliminary_checks',
  handles: ['PreliminaryCheckOpened', 'PreliminaryCheckConcluded'],
  initialState: preliminaryCheckDecider.initialState,
  evolve: preliminaryCheckDecider.evolve,
  columns: {
    check_id: { type: 'text', of: id<PreliminaryCheckState>((check) => check.checkId) },
    commission: { type: 'text', of: id<PreliminaryCheckState>((check) => check.commission) },
    clue_id: { type: 'text', of: id<PreliminaryCheckState>((check) => check.clueId) },
    status: { type: 'text', of: (state) => state.status },
  },
};

/** Every case, its folded state, by id, commission and check. */
export const CASES_READ_MODEL: StreamStateReadModel<CaseState, CaseEvent> = {
  name: 'case_cases',
  version: 1,
  table: 'case_cases',
  handles: ['CaseOpened', 'CaseConcluded'],
  initialState: caseDecider.initialState,
  evolve: caseDecider.evolve,
  columns: {
    case_id: { type: 'text', of: id<CaseState>((opened) => opened.caseId) },
    commission: { type: 'text', of: id<CaseState>((opened) => opened.commission) },
    preliminary_check_id: { type: 'text', of: id<CaseState>((opened) => opened.preliminaryCheckId) },
    status: { type: 'text', of: (state) => state.status },
  },
};

export const PRELIMINARY_CHECKS_PROJECTION = streamStateProjection(PRELIMINARY_CHECKS_READ_MODEL);
export const CASES_PROJECTION = streamStateProjection(CASES_READ_MODEL);

export class Cases1765000000310 implements MigrationInterface {
  name = 'Cases1765000000310';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(PRELIMINARY_CHECKS_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX case_preliminary_checks_check_id ON case_preliminary_checks (check_id)');
    await runner.query('CREATE INDEX case_preliminary_checks_clue ON case_preliminary_checks (clue_id)');
    await runner.query(streamStateTableSql(CASES_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX case_cases_case_id ON case_cases (case_id)');
    await runner.query('CREATE INDEX case_cases_commission ON case_cases (commission, status)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE case_cases');
    await runner.query('DROP TABLE case_preliminary_checks');
  }
}
