import { ruleSetDecider, RULE_SET_EVENT_TYPES, type RuleSetEvent, type RuleSetState } from '@app/deadlines';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each jurisdiction's recorded rule versions, found by division code. */
export const RULE_SETS_READ_MODEL: StreamStateReadModel<RuleSetState, RuleSetEvent> = {
  name: 'rule-sets',
  version: 1,
  table: 'resp_rule_sets',
  handles: RULE_SET_EVENT_TYPES,
  initialState: ruleSetDecider.initialState,
  evolve: ruleSetDecider.evolve,
  columns: { division_code: { type: 'text', of: (state) => (state.status === 'open' ? state.jurisdiction.code : null) } },
};

export const RULE_SETS_PROJECTION = streamStateProjection(RULE_SETS_READ_MODEL);

export class RuleSets1764900001000 implements MigrationInterface {
  name = 'RuleSets1764900001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(RULE_SETS_READ_MODEL as never));
    await runner.query('CREATE INDEX resp_rule_sets_division ON resp_rule_sets (division_code)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_rule_sets');
  }
}
