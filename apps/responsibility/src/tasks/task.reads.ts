import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import type { TaskState } from './task.decider';

export type TaskView = Exclude<TaskState, { status: 'absent' }> & { readonly version: number };

/** The tasks read model (`resp_tasks`), one folded row per task. */
@Injectable()
export class TaskReads {
  constructor(private readonly dataSource: DataSource) {}

  async find(taskId: string): Promise<TaskView | undefined> {
    const [row] = await this.dataSource.query<{ state: TaskView; version: number }[]>(
      'SELECT state, version FROM resp_tasks WHERE task_id = $1',
      [taskId.toLowerCase()],
    );
    return row && { ...row.state, version: row.version };
  }

  async require(taskId: string): Promise<TaskView> {
    const task = await this.find(taskId);
    if (!task) throw new DomainError('TASK.NOT_FOUND', `No task ${taskId}.`, 'not_found', { taskId });
    return task;
  }

  /** The unit a task belongs to; 404 when there is no such task. */
  async unitOf(taskId: string): Promise<string> {
    return (await this.require(taskId)).unitCode;
  }

  async ofUnit(unitCode: string, year: number): Promise<TaskView[]> {
    const rows = await this.dataSource.query<{ state: TaskView; version: number }[]>(
      'SELECT state, version FROM resp_tasks WHERE unit_code = $1 AND year = $2 ORDER BY due, task_id',
      [unitCode, year],
    );
    return rows.map((row) => ({ ...row.state, version: row.version }));
  }
}
