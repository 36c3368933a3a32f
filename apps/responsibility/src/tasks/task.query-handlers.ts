import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusQuery } from '@app/kit';
import { ResponsibilityActors } from '../responsibility-actors';
import { TaskReads, type TaskView } from './task.reads';

/** Task reads, within the caller's reach over the task's unit (`ResponsibilityActors.assertMayRead`). */

export class GetTask extends BusQuery<{ readonly taskId: string }, TaskView> {}

@QueryHandler(GetTask)
export class GetTaskHandler implements IQueryHandler<GetTask> {
  constructor(
    private readonly reads: TaskReads,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params: { taskId }, principal }: GetTask): Promise<TaskView> {
    const task = await this.reads.require(taskId);
    await this.actors.assertMayRead(principal, task.unitCode, chinaDay(new Date()));
    return task;
  }
}

export class ListUnitTasks extends BusQuery<
  { readonly unitCode: string; readonly year: number },
  { unitCode: string; year: number; tasks: TaskView[] }
> {}

@QueryHandler(ListUnitTasks)
export class ListUnitTasksHandler implements IQueryHandler<ListUnitTasks> {
  constructor(
    private readonly reads: TaskReads,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params: { unitCode, year }, principal }: ListUnitTasks) {
    await this.actors.assertMayRead(principal, unitCode, chinaDay(new Date()));
    return { unitCode, year, tasks: await this.reads.ofUnit(unitCode, year) };
  }
}
