import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { taskDecider, type TaskState } from './task.decider';
import type { TaskEvent } from './task.events';

/** Every task as its stream folds, with its unit, year, assignee and status to filter on. */
export const TASKS_READ_MODEL: StreamStateReadModel<TaskState, TaskEvent> = {
  name: 'resp_tasks',
  version: 1,
  table: 'resp_tasks',
  handles: ['TaskAssigned', 'TaskClaimed', 'TaskPerformed', 'TaskRecorded', 'TaskCompleted'],
  initialState: taskDecider.initialState,
  evolve: taskDecider.evolve,
  columns: {
    task_id: { type: 'text', of: (state) => (state.status === 'absent' ? null : state.taskId) },
    unit_code: { type: 'text', of: (state) => (state.status === 'absent' ? null : state.unitCode) },
    year: { type: 'integer', of: (state) => (state.status === 'absent' ? null : state.year) },
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
