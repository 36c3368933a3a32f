import type { ServiceFeature } from '@app/kit';
import {
  AssignTaskHandler,
  ClaimTaskHandler,
  CompleteTaskHandler,
  PerformTaskHandler,
  RecordTaskHandler,
  TaskEntries,
} from './task.command-handlers';
import { TaskAggregate } from './task.aggregate';
import { taskDecider } from './task.decider';
import { GetTaskHandler, ListUnitTasksHandler } from './task.query-handlers';
import { TASKS_PROJECTION, TaskItems1764900000900, Tasks1764900000100 } from './task.read-model';
import { TaskReads } from './task.reads';
import { TasksController } from './tasks.controller';

/** Tasks: assigned along portfolios, claimed, performed, recorded and completed by their assignee. */
export const TASKS_FEATURE: ServiceFeature = {
  controllers: [TasksController],
  providers: [
    TaskAggregate,
    TaskReads,
    TaskEntries,
    AssignTaskHandler,
    ClaimTaskHandler,
    PerformTaskHandler,
    RecordTaskHandler,
    CompleteTaskHandler,
    GetTaskHandler,
    ListUnitTasksHandler,
  ],
  projections: [TASKS_PROJECTION],
  migrations: [Tasks1764900000100, TaskItems1764900000900],
  streamFolders: { 'responsibility-task-': taskDecider },
};
