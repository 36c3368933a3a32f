import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { taskStreamId, type TaskCommand } from './task.commands';
import { taskDecider, type TaskState } from './task.decider';
import type { TaskEvent } from './task.events';

/** A task's entry to the command path; who may act on it is the decider's rule, from the actor's resolved roles. */
@Injectable()
export class TaskAggregate {
  private readonly aggregate: Aggregate<TaskState, TaskCommand, TaskEvent> = {
    decider: taskDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.unitCode),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<TaskCommand>, context: CommandContext, unitCode: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, taskStreamId(command.data.taskId), command, context, unitCode);
  }
}
