import type { Command } from '@app/domain';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';

/**
 * Commands of a task (stream `responsibility-task-<taskId>`). The handler resolves, for the
 * command's day: the actor's roles in the task's unit, whether the assignee is a team member of
 * the unit and whether their portfolio covers the area, the deadline of the list item, and the
 * late-entry rule in force.
 */

export const LATE_ENTRY_RULES = [
  'locked', // 逾期锁定: nothing is entered after the due day
  'accepted_flagged', // accepted and marked late
] as const;
export type LateEntryRule = (typeof LATE_ENTRY_RULES)[number];

export type AssignTask = Command<
  'AssignTask',
  {
    /** UUID generated at the edge. */
    readonly taskId: string;
    readonly unitCode: string;
    readonly year: number;
    readonly itemKey: string;
    readonly areaCode: string;
    readonly title: string;
    readonly description?: string;
    readonly assignee: string;
    readonly due: string;
    /** The deadline of the list item, from the unit's year list. */
    readonly itemDeadline: string;
    /** The assignee holds a team member's post in the unit on the command's day. */
    readonly assigneeIsTeamMember: boolean;
    /** The assignee's portfolio on the command's day covers `areaCode`. */
    readonly portfolioCoversArea: boolean;
    readonly actor: ResponsibilityActor;
  }
>;

export type ClaimTask = Command<'ClaimTask', { readonly taskId: string; readonly actor: ResponsibilityActor }>;

interface EntryInput {
  readonly taskId: string;
  /** UUID generated at the edge. */
  readonly entryId: string;
  readonly day: string;
  readonly text: string;
  readonly attachments?: readonly EvidenceAttachment[];
  /** The late-entry rule in force for the unit on the command's day. */
  readonly lateEntries: string;
  readonly actor: ResponsibilityActor;
}

export type PerformTask = Command<'PerformTask', EntryInput>;
export type RecordTask = Command<'RecordTask', EntryInput>;

export type CompleteTask = Command<'CompleteTask', { readonly taskId: string; readonly actor: ResponsibilityActor }>;

export type TaskCommand = AssignTask | ClaimTask | PerformTask | RecordTask | CompleteTask;

export const taskStreamId = (taskId: string): string => `responsibility-task-${taskId.toLowerCase()}`;
