import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { Projection, StoredEvent } from '@app/eventstore';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { accountabilityDecider, type DecisionState } from './accountability.decider';
import type { CaseConcluded, CaseOpened } from '../cases/case.events';
import type { AccountabilityDecisionEvent, AccountabilityMattersOpened, CaseAccountabilityClosed } from './accountability.events';

/**
 * Read models of accountability: the cases as the case feature records them (`CaseOpened`,
 * `CaseConcluded`), the matters opened from reviews, and the decisions with their sanctions.
 */

/** Each statement is idempotent: a second arrival of an event (inline, then from the seal) changes nothing. */
export const CASE_FILES_PROJECTION: Projection = {
  name: 'acc_case_files',
  version: 1,
  handles: ['CaseOpened', 'CaseConcluded', 'CaseAccountabilityClosed'],
  async reset(manager: EntityManager) {
    await manager.query('TRUNCATE acc_case_files');
  },
  async apply(event: StoredEvent, manager: EntityManager) {
    switch (event.type) {
      case 'CaseOpened': {
        const data = event.data as CaseOpened['data'];
        await manager.query(
          `INSERT INTO acc_case_files (case_id, commission, opened_on, subjects) VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (case_id) DO UPDATE SET commission = EXCLUDED.commission, opened_on = EXCLUDED.opened_on, subjects = EXCLUDED.subjects`,
          [data.caseId.toLowerCase(), data.commission, data.openedOn, JSON.stringify(data.subjects)],
        );
        return;
      }
      case 'CaseConcluded': {
        const data = event.data as CaseConcluded['data'];
        await manager.query(
          `INSERT INTO acc_case_files (case_id, commission, concluded_on, findings) VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (case_id) DO UPDATE SET concluded_on = EXCLUDED.concluded_on, findings = EXCLUDED.findings`,
          [data.caseId.toLowerCase(), data.commission, data.concludedOn, JSON.stringify(data.findings)],
        );
        return;
      }
      case 'CaseAccountabilityClosed': {
        const data = event.data as CaseAccountabilityClosed['data'];
        await manager.query('UPDATE acc_case_files SET closed_on = $2 WHERE case_id = $1', [data.caseId.toLowerCase(), data.closedOn]);
        return;
      }
    }
  },
};

export const MATTERS_PROJECTION: Projection = {
  name: 'acc_matters',
  version: 1,
  handles: ['AccountabilityMattersOpened', 'AccountabilityDecided'],
  async reset(manager: EntityManager) {
    await manager.query('TRUNCATE acc_matters');
  },
  async apply(event: StoredEvent, manager: EntityManager) {
    if (event.type === 'AccountabilityMattersOpened') {
      const data = event.data as AccountabilityMattersOpened['data'];
      for (const matter of data.matters) {
        await manager.query(
          `INSERT INTO acc_matters (matter_id, review_id, case_id, commission, unit_code, staff_number, responsibility, subject,
                                    period_from, period_to, opened_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (matter_id) DO NOTHING`,
          [
            matter.matterId,
            data.reviewId,
            data.caseId.toLowerCase(),
            data.commission,
            matter.unitCode,
            matter.staffNumber,
            matter.responsibility,
            matter.subject,
            data.periodFrom,
            data.periodTo,
            data.openedOn,
          ],
        );
      }
      return;
    }
    const decided = event.data as { decisionId: string; matterId: string | null };
    if (decided.matterId) {
      await manager.query('UPDATE acc_matters SET decision_id = $2 WHERE matter_id = $1', [decided.matterId, decided.decisionId]);
    }
  },
};

const of =
  <T>(pick: (decision: Exclude<DecisionState, { status: 'absent' }>) => T) =>
  (state: DecisionState): T | null =>
    state.status === 'absent' ? null : pick(state);

export const DECISIONS_READ_MODEL: StreamStateReadModel<DecisionState, AccountabilityDecisionEvent> = {
  name: 'acc_decisions',
  version: 1,
  table: 'acc_decisions',
  handles: [
    'AccountabilityDecided',
    'SanctionImposed',
    'AccountabilityFormalitiesCompleted',
    'AccountabilityFormalitiesOverdue',
    'AccountabilityAppealLodged',
  ],
  initialState: accountabilityDecider.initialState,
  evolve: accountabilityDecider.evolve,
  columns: {
    decision_id: { type: 'text', of: of((decision) => decision.decisionId) },
    commission: { type: 'text', of: of((decision) => decision.commission) },
    case_id: { type: 'text', of: of((decision) => decision.caseId) },
    decided_on: { type: 'date', of: of((decision) => decision.decidedOn) },
    /** Formalities pending and not yet recorded overdue: the scheduler looks at the day. */
    formalities_pending_due_on: {
      type: 'date',
      of: of((decision) => (decision.formalitiesCompletedOn || decision.formalitiesOverdue ? null : decision.formalitiesDueOn)),
    },
  },
};

export const DECISIONS_PROJECTION = streamStateProjection(DECISIONS_READ_MODEL);

export class Accountability1765000000300 implements MigrationInterface {
  name = 'Accountability1765000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE acc_case_files (case_id text PRIMARY KEY, commission text NOT NULL, opened_on date, concluded_on date, closed_on date,
                                   subjects jsonb NOT NULL DEFAULT '[]', findings jsonb NOT NULL DEFAULT '[]')`,
    );
    await runner.query('CREATE INDEX acc_case_files_commission ON acc_case_files (commission)');
    await runner.query(
      `CREATE TABLE acc_matters (matter_id text PRIMARY KEY, review_id text NOT NULL, case_id text NOT NULL, commission text NOT NULL,
                                unit_code text NOT NULL, staff_number text, responsibility text NOT NULL, subject text NOT NULL,
                                period_from date NOT NULL, period_to date NOT NULL, opened_on date NOT NULL, decision_id text)`,
    );
    await runner.query('CREATE INDEX acc_matters_commission ON acc_matters (commission, opened_on)');
    await runner.query(streamStateTableSql(DECISIONS_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX acc_decisions_decision_id ON acc_decisions (decision_id)');
    await runner.query('CREATE INDEX acc_decisions_commission ON acc_decisions (commission, decided_on)');
    await runner.query('CREATE INDEX acc_decisions_case ON acc_decisions (case_id)');
    await runner.query(
      'CREATE INDEX acc_decisions_pending ON acc_decisions (formalities_pending_due_on) WHERE formalities_pending_due_on IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE acc_decisions');
    await runner.query('DROP TABLE acc_matters');
    await runner.query('DROP TABLE acc_case_files');
  }
}
