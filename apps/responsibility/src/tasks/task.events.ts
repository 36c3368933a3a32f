import type { DomainEvent } from '@app/domain';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';

/**
 * A list item's share assigned to one team member along their portfolio (分管), then claimed,
 * performed and recorded by them (领责、履责、记实). Days are calendar days in CST.
 */
export type TaskAssigned = DomainEvent<
  'TaskAssigned',
  {
    readonly taskId: string;
    readonly unitCode: string;
    readonly year: number;
    /** Key of the item of the unit's year list the task carries out. */
    readonly itemKey: string;
    /** The unit or field in the assignee's portfolio the task concerns. */
    readonly areaCode: string;
    readonly title: string;
    readonly description?: string;
    /** Staff number of the team member the task is assigned to. */
    readonly assignee: string;
    readonly due: string;
    readonly assignedOn: string;
  }
>;

/** 领责: the assignee takes the task on. */
export type TaskClaimed = DomainEvent<'TaskClaimed', { readonly claimedOn: string }>;

/** One dated entry of the task's record. `late`: entered after the due day under a rule that accepts it, flagged. */
export interface TaskEntry {
  readonly entryId: string;
  /** The day the work was done or the account was written. */
  readonly day: string;
  readonly text: string;
  readonly attachments: readonly EvidenceAttachment[];
  readonly enteredOn: string;
  readonly late: boolean;
}

/** 履责: something the assignee did to carry the task out. */
export type TaskPerformed = DomainEvent<'TaskPerformed', TaskEntry>;

/** 记实: a written account of the task's performance (minutes, summary, findings). */
export type TaskRecorded = DomainEvent<'TaskRecorded', TaskEntry>;

export type TaskCompleted = DomainEvent<'TaskCompleted', { readonly completedOn: string; readonly late: boolean }>;

export type TaskEvent = TaskAssigned | TaskClaimed | TaskPerformed | TaskRecorded | TaskCompleted;
