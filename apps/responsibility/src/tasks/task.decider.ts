import { chinaDay, DomainError, isOneOf, requireDay, rule, unreachable, type Decider } from '@app/domain';
import { validAttachments } from '../duty-template/evidence-attachments';
import {
  fieldRule,
  optionalText,
  requiredText,
  requireStaffNumber,
  requireUnitCode,
  requireUuid,
  requireYear,
} from '../duty-template/field-rules';
import { refuseCommission, requireUnitEditor, validActor, type ActorRole } from '../duty-template/responsibility-actor';
import { LATE_ENTRY_RULES, type AssignTask, type PerformTask, type TaskCommand } from './task.commands';
import type { TaskAssigned, TaskEntry, TaskEvent } from './task.events';

export type TaskStatus = 'assigned' | 'claimed' | 'completed';

export type TaskState =
  | { readonly status: 'absent' }
  | (TaskAssigned['data'] & {
      readonly status: TaskStatus;
      readonly performed: readonly TaskEntry[];
      readonly recorded: readonly TaskEntry[];
      readonly completedOn?: string;
    });

type ExistingTask = Exclude<TaskState, { status: 'absent' }>;

/** Who splits a list item into tasks (§4(1): decomposed by the principal leader, kept by the office). */
export const TASK_ASSIGNERS: readonly ActorRole[] = ['principal_leader', 'unit_staff'];

const MAX_TITLE = 100;
const MAX_TEXT = 2000;
const ITEM_KEY = /^[a-z0-9_]{1,32}(\.[a-z0-9_]{1,32}){0,3}$/;

export const taskDecider: Decider<TaskState, TaskCommand, TaskEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: TaskCommand, state: TaskState): readonly TaskEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'AssignTask':
      return assign(command.data, state, today);
    case 'ClaimTask': {
      const task = assigneesTask(state, command.data.actor);
      if (task.status !== 'assigned') return [];
      return [{ type: 'TaskClaimed', data: { claimedOn: today } }];
    }
    case 'PerformTask':
      return [{ type: 'TaskPerformed', data: entry(command.data, claimedTask(state, command.data.actor), today) }];
    case 'RecordTask':
      return [{ type: 'TaskRecorded', data: entry(command.data, claimedTask(state, command.data.actor), today) }];
    case 'CompleteTask': {
      const task = claimedTask(state, command.data.actor);
      rule(task.performed.length > 0, 'TASK.NOTHING_PERFORMED', 'a task is completed after something was done for it (履责)', 'conflict');
      return [{ type: 'TaskCompleted', data: { completedOn: today, late: today > task.due } }];
    }
    default:
      return unreachable(command);
  }
}

function assign(data: AssignTask['data'], state: TaskState, today: string): readonly TaskEvent[] {
  requireUnitEditor(validActor(data.actor), TASK_ASSIGNERS, 'TASK.NOT_PERMITTED', 'assign tasks');
  rule(state.status === 'absent', 'TASK.ALREADY_ASSIGNED', `task ${data.taskId} exists already`, 'conflict');
  const taskId = requireUuid(data.taskId, 'taskId');
  const itemKey = data.itemKey;
  fieldRule(
    typeof itemKey === 'string' && ITEM_KEY.test(itemKey),
    'TASK.INVALID_ITEM_KEY',
    `${String(itemKey)} is not an item key`,
    'itemKey',
  );
  const assignee = requireStaffNumber(data.assignee, 'assignee');
  fieldRule(
    data.assigneeIsTeamMember === true,
    'TASK.ASSIGNEE_NOT_TEAM_MEMBER',
    `${assignee} is not a team member of ${data.unitCode}; tasks go to team members along their portfolios`,
    'assignee',
  );
  const areaCode = requireUnitCode(data.areaCode, 'areaCode');
  fieldRule(
    data.portfolioCoversArea === true,
    'TASK.OUTSIDE_PORTFOLIO',
    `${areaCode} is not in ${assignee}'s portfolio (分管范围)`,
    'areaCode',
  );
  requireDay(data.due, 'due');
  requireDay(data.itemDeadline, 'itemDeadline');
  fieldRule(data.due >= today, 'TASK.DUE_IN_PAST', `due ${data.due} has passed already (today is ${today})`, 'due');
  fieldRule(
    data.due <= data.itemDeadline,
    'TASK.DUE_AFTER_ITEM_DEADLINE',
    `due ${data.due} is after the item's deadline, ${data.itemDeadline}`,
    'due',
  );
  const description = optionalText(data.description, 'description', MAX_TEXT);
  return [
    {
      type: 'TaskAssigned',
      data: {
        taskId,
        unitCode: requireUnitCode(data.unitCode, 'unitCode'),
        year: requireYear(data.year, 'year'),
        itemKey,
        areaCode,
        title: requiredText(data.title, 'title', MAX_TITLE, 'TASK.INVALID_TITLE'),
        ...(description === undefined ? {} : { description }),
        assignee,
        due: data.due,
        assignedOn: today,
      },
    },
  ];
}

/** An entry is dated between the assignment and today; after the due day the rule in force locks it or flags it. */
function entry(data: PerformTask['data'], task: ExistingTask, today: string): TaskEntry {
  const entryId = requireUuid(data.entryId, 'entryId');
  rule(
    ![...task.performed, ...task.recorded].some((e) => e.entryId === entryId),
    'TASK.DUPLICATE_ENTRY',
    `entry ${entryId} is recorded already`,
    'conflict',
  );
  requireDay(data.day, 'day');
  fieldRule(data.day <= today, 'TASK.ENTRY_IN_FUTURE', `an entry cannot be dated ${data.day}, after today (${today})`, 'day');
  fieldRule(
    data.day >= task.assignedOn,
    'TASK.ENTRY_BEFORE_ASSIGNMENT',
    `an entry cannot be dated ${data.day}, before the task was assigned on ${task.assignedOn}`,
    'day',
  );
  fieldRule(
    isOneOf(LATE_ENTRY_RULES, data.lateEntries),
    'TASK.INVALID_LATE_RULE',
    `${String(data.lateEntries)} is not a late-entry rule`,
    'lateEntries',
  );
  const late = today > task.due;
  if (late && data.lateEntries === 'locked') {
    throw new DomainError('TASK.LATE_ENTRY_LOCKED', `the task was due on ${task.due}; entries are locked after the due day`, 'conflict');
  }
  return {
    entryId,
    day: data.day,
    text: requiredText(data.text, 'text', MAX_TEXT, 'TASK.TEXT_REQUIRED'),
    attachments: validAttachments(data.attachments),
    enteredOn: today,
    late,
  };
}

function evolve(state: TaskState, event: TaskEvent): TaskState {
  if (event.type === 'TaskAssigned') return { ...event.data, status: 'assigned', performed: [], recorded: [] };
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'TaskClaimed':
      return { ...state, status: 'claimed' };
    case 'TaskPerformed':
      return { ...state, performed: [...state.performed, event.data] };
    case 'TaskRecorded':
      return { ...state, recorded: [...state.recorded, event.data] };
    case 'TaskCompleted':
      return { ...state, status: 'completed', completedOn: event.data.completedOn };
    default:
      return unreachable(event);
  }
}

/** The task as its assignee may act on it: a commission never, another person never. */
function assigneesTask(state: TaskState, actorInput: unknown): ExistingTask {
  const actor = validActor(actorInput);
  refuseCommission(actor);
  rule(state.status !== 'absent', 'TASK.NOT_FOUND', 'no such task', 'not_found');
  rule(
    actor.staffNumber === state.assignee,
    'TASK.NOT_ASSIGNEE',
    `task ${state.taskId} is ${state.assignee}'s; only the assignee claims, records and completes it`,
    'forbidden',
  );
  rule(state.status !== 'completed', 'TASK.COMPLETED', `task ${state.taskId} was completed on ${state.completedOn}`, 'conflict');
  return state;
}

function claimedTask(state: TaskState, actor: unknown): ExistingTask {
  const task = assigneesTask(state, actor);
  rule(task.status === 'claimed', 'TASK.NOT_CLAIMED', `task ${task.taskId} is to be claimed (领责) first`, 'conflict');
  return task;
}
