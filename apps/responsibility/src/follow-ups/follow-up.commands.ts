import type { Command } from '@app/domain';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';
import type { RecordRef } from './follow-up.events';

/**
 * Commands of a follow-up notice (stream `follow-up-<noticeId>`). The handler resolves, for the
 * command's day, the actor's roles relative to the notice's unit (`paired_commission` when they act
 * for the commission paired with it that day), that commission's code, and that the record named
 * belongs to the unit.
 */

export type IssueFollowUpNotice = Command<
  'IssueFollowUpNotice',
  {
    /** UUID generated at the edge. */
    readonly noticeId: string;
    readonly unitCode: string;
    readonly commissionCode: string;
    readonly record: RecordRef;
    readonly text: string;
    readonly deadline: string;
    readonly actor: ResponsibilityActor;
  }
>;

export type CommentOnFollowUp = Command<
  'CommentOnFollowUp',
  { readonly noticeId: string; readonly text: string; readonly actor: ResponsibilityActor }
>;

export type AnswerFollowUp = Command<
  'AnswerFollowUp',
  {
    readonly noticeId: string;
    /** UUID generated at the edge. */
    readonly answerId: string;
    readonly text: string;
    readonly attachments?: readonly EvidenceAttachment[];
    readonly actor: ResponsibilityActor;
  }
>;

export type CloseFollowUp = Command<
  'CloseFollowUp',
  { readonly noticeId: string; readonly outcome: string; readonly remark?: string; readonly actor: ResponsibilityActor }
>;

export type FollowUpCommand = IssueFollowUpNotice | CommentOnFollowUp | AnswerFollowUp | CloseFollowUp;

export const followUpStreamId = (noticeId: string): string => `follow-up-${noticeId.toLowerCase()}`;
