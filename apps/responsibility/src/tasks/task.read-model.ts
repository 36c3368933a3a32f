import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { taskDecider, type TaskState } from './task.decider';
import type { TaskEvent } from './task.events';

/** Every task as its stream folds, with its unit, year, list item, assignee and status to filter on (version 2 added the item). */
export const TASKS_READ_MODEL: StreamStateReadModel<TaskState, TaskEvent> = {
  name: 'resp_tasks',
  version: 2,
  table: 'resp_tasks',
  handles: ['TaskAssigned', 'TaskClaimed', 'TaskPerformed', 'TaskRecorded', 'TaskCompleted'],
  initialState: taskDecider.initialState,
  evolve: taskDecider.evolve,
  columns: {
    task_id: { type: 'text', of: (state) => (state.status === 'absent' ? null : state.taskId) },
    unit_code: { type: 'text', of: (state) => (state.status === 'absent' ? null : state.unitCode) },
    year: { type: 'integer', of: (state) => (state.status === 'absent' ? null : state.year) },
    item_key: { type: 'text', of: (state) => (state.status === 'absent' ? null : state.itemKey) },
    assignee: { type: 'text', of: (state) => (state.status === 'absent' ? null : state.assignee) },
    status: { type: 'text', of: (state) => state.status },
    due: { type: 'date', of: (state) => (state.status === 'absent' ? null : state.due) },
  },
};

export const TASKS_PROJECTION = streamStateProjection(TASKS_READ_MODEL);

export class Tasks1764900000100 implements MigrationInterface {
  name = 'Tasks1764900000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(TASKS_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX resp_tasks_task_id ON resp_tasks (task_id)');
    await runner.query('CREATE INDEX resp_tasks_unit_year ON resp_tasks (unit_code, year, due)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_tasks');
  }
}

/** The list item each task carries out, for counting an item done when its tasks are; the read model (version 2) rebuilds to fill it. */
export class TaskItems1764900000900 implements MigrationInterface {
  name = 'TaskItems1764900000900';

  async up(runner: QueryRunner): Promise<void> {
    // A fresh database has the column already: the first migration creates the table from the model as it is now.
    await runner.query('ALTER TABLE resp_tasks ADD COLUMN IF NOT EXISTS item_key text');
    await runner.query('CREATE INDEX resp_tasks_year_item ON resp_tasks (year, unit_code, item_key) INCLUDE (status)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX resp_tasks_year_item');
    await runner.query('ALTER TABLE resp_tasks DROP COLUMN item_key');
  }
}
