import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusCommand, idFromKey, type CommandContext, type CommandResponse } from '@app/kit';
import { RegistryView } from '@app/registry-view';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';
import { DeadlineRuleBooks } from '../deadline-rules/deadline-rule-books';
import { jurisdictionChain } from '../deadline-rules/jurisdiction-chain';
import { EvidenceStore } from '../evidence/evidence.store';
import { ResponsibilityActors } from '../responsibility-actors';
import { TaskAggregate } from './task.aggregate';
import type { AssignTask, LateEntryRule } from './task.commands';
import { TaskReads } from './task.reads';

/**
 * The task use cases on the bus. Each handler resolves the facts the decider decides with, as of
 * the command's day in China Standard Time: the caller's roles in the task's unit, the assignee's
 * post and portfolio, the uploaded evidence, and the late-entry rule.
 */

type AssignInput = Omit<AssignTask['data'], 'taskId' | 'itemDeadline' | 'assigneeIsTeamMember' | 'portfolioCoversArea' | 'actor'>;
export class AssignTaskCommand extends BusCommand<AssignInput, CommandResponse & { taskId: string }> {}
export class ClaimTaskCommand extends BusCommand<{ readonly taskId: string }> {}
export class CompleteTaskCommand extends BusCommand<{ readonly taskId: string }> {}

interface EntryInput {
  readonly taskId: string;
  readonly day: string;
  readonly text: string;
  readonly attachments?: readonly EvidenceAttachment[];
}
type EntryResponse = CommandResponse & { entryId: string };
export class PerformTaskCommand extends BusCommand<EntryInput, EntryResponse> {}
export class RecordTaskCommand extends BusCommand<EntryInput, EntryResponse> {}

/**
 * The deadline of the list item the task carries out. The unit's year list is not wired into this
 * service yet, so the item's deadline is the last day of the list's year.
 */
function itemDeadlineOf(year: number): string {
  return `${year}-12-31`;
}

@CommandHandler(AssignTaskCommand)
export class AssignTaskHandler implements ICommandHandler<AssignTaskCommand> {
  constructor(
    private readonly tasks: TaskAggregate,
    private readonly actors: ResponsibilityActors,
    private readonly view: RegistryView,
  ) {}

  async execute({ data, context }: AssignTaskCommand) {
    const day = chinaDay(context.now);
    const [actor, team] = await Promise.all([
      this.actors.actorOf(context.principal, data.unitCode, day),
      this.view.teamOn(data.unitCode, day),
    ]);
    const posts = team.filter((member) => member.staffNumber === data.assignee);
    // A retry with the same Idempotency-Key names the same task, so it replays instead of assigning twice.
    const taskId = context.idempotencyKey ? idFromKey(`task:${data.unitCode}`, context.idempotencyKey) : randomUUID();
    const command = {
      ...data,
      taskId,
      itemDeadline: itemDeadlineOf(data.year),
      assigneeIsTeamMember: posts.length > 0,
      portfolioCoversArea: posts.some((member) => member.coveredUnitCodes.includes(data.areaCode)),
      actor,
    };
    const result = await this.tasks.send({ type: 'AssignTask', data: command }, context, data.unitCode);
    return { ...result, taskId };
  }
}

/** The caller as the task's unit sees them on the command's day. */
async function actorOnTask(reads: TaskReads, actors: ResponsibilityActors, taskId: string, context: CommandContext) {
  const unitCode = await reads.unitOf(taskId);
  return { unitCode, actor: await actors.actorOf(context.principal, unitCode, chinaDay(context.now)) };
}

@CommandHandler(ClaimTaskCommand)
export class ClaimTaskHandler implements ICommandHandler<ClaimTaskCommand> {
  constructor(
    private readonly tasks: TaskAggregate,
    private readonly actors: ResponsibilityActors,
    private readonly reads: TaskReads,
  ) {}

  async execute({ data, context }: ClaimTaskCommand) {
    const { unitCode, actor } = await actorOnTask(this.reads, this.actors, data.taskId, context);
    return this.tasks.send({ type: 'ClaimTask', data: { taskId: data.taskId, actor } }, context, unitCode);
  }
}

@CommandHandler(CompleteTaskCommand)
export class CompleteTaskHandler implements ICommandHandler<CompleteTaskCommand> {
  constructor(
    private readonly tasks: TaskAggregate,
    private readonly actors: ResponsibilityActors,
    private readonly reads: TaskReads,
  ) {}

  async execute({ data, context }: CompleteTaskCommand) {
    const { unitCode, actor } = await actorOnTask(this.reads, this.actors, data.taskId, context);
    return this.tasks.send({ type: 'CompleteTask', data: { taskId: data.taskId, actor } }, context, unitCode);
  }
}

/** 履责 and 记实 alike: the caller on the task's unit, the evidence uploaded as named, the late-entry rule. */
@Injectable()
export class TaskEntries {
  constructor(
    private readonly tasks: TaskAggregate,
    private readonly actors: ResponsibilityActors,
    private readonly reads: TaskReads,
    private readonly evidence: EvidenceStore,
    private readonly view: RegistryView,
    private readonly rules: DeadlineRuleBooks,
  ) {}

  async enter(type: 'PerformTask' | 'RecordTask', data: EntryInput, context: CommandContext): Promise<EntryResponse> {
    const { unitCode, actor } = await actorOnTask(this.reads, this.actors, data.taskId, context);
    await this.evidence.requireAll(data.attachments ?? []);
    const entryId = context.idempotencyKey ? idFromKey(`task-entry:${data.taskId}`, context.idempotencyKey) : randomUUID();
    const lateEntries = await this.lateEntries(unitCode, data.taskId, chinaDay(context.now));
    const command = { ...data, entryId, lateEntries, actor };
    const result = await this.tasks.send({ type, data: command }, context, unitCode);
    return { ...result, entryId };
  }

  /** The late-entry rule in force for the unit's jurisdiction, applied to the task's due day and today. */
  private async lateEntries(unitCode: string, taskId: string, today: string): Promise<LateEntryRule> {
    const [task, unit] = await Promise.all([this.reads.require(taskId), this.view.unitOn(unitCode, today)]);
    if (!unit) return 'accepted_flagged'; // the unit is gone from the registry today: nothing to lock against
    const treatment = await this.rules.lateEntryTreatment(jurisdictionChain(unit.jurisdictionCode), task.due, today);
    return treatment === 'locked' ? 'locked' : 'accepted_flagged';
  }
}

@CommandHandler(PerformTaskCommand)
export class PerformTaskHandler implements ICommandHandler<PerformTaskCommand> {
  constructor(private readonly entries: TaskEntries) {}

  execute({ data, context }: PerformTaskCommand): Promise<EntryResponse> {
    return this.entries.enter('PerformTask', data, context);
  }
}

@CommandHandler(RecordTaskCommand)
export class RecordTaskHandler implements ICommandHandler<RecordTaskCommand> {
  constructor(private readonly entries: TaskEntries) {}

  execute({ data, context }: RecordTaskCommand): Promise<EntryResponse> {
    return this.entries.enter('RecordTask', data, context);
  }
}
