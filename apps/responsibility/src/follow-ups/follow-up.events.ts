import type { DomainEvent } from '@app/domain';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';

/** The unit's record a notice is about: its stream, and an item key or entry id within it when narrower. */
export interface RecordRef {
  readonly streamId: string;
  readonly item?: string;
}

/**
 * 督办: the commission paired with `unitCode` comments on one of the unit's records and asks for an
 * answer by `deadline`. `issuedBy` and every `by` below are staff numbers.
 */
export type FollowUpNoticeIssued = DomainEvent<
  'FollowUpNoticeIssued',
  {
    readonly noticeId: string;
    readonly unitCode: string;
    /** The commission paired with the unit on `issuedOn`. */
    readonly commissionCode: string;
    readonly record: RecordRef;
    readonly text: string;
    readonly deadline: string;
    readonly issuedOn: string;
    readonly issuedBy: string;
  }
>;

/** A further remark of the commission on the notice, such as on an answer it finds short. */
export type FollowUpCommented = DomainEvent<'FollowUpCommented', { readonly text: string; readonly on: string; readonly by: string }>;

/** The unit's answer; `late` when given after the deadline. */
export type FollowUpAnswered = DomainEvent<
  'FollowUpAnswered',
  {
    readonly answerId: string;
    readonly text: string;
    readonly attachments: readonly EvidenceAttachment[];
    readonly on: string;
    readonly by: string;
    readonly late: boolean;
  }
>;

export const FOLLOW_UP_OUTCOMES = [
  'resolved', // 整改到位
  'unresolved', // 未整改到位 (a matter for accountability elsewhere)
  'withdrawn', // 撤回
] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export type FollowUpClosed = DomainEvent<
  'FollowUpClosed',
  { readonly outcome: FollowUpOutcome; readonly remark?: string; readonly on: string; readonly by: string }
>;

export type FollowUpEvent = FollowUpNoticeIssued | FollowUpCommented | FollowUpAnswered | FollowUpClosed;
