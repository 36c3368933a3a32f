import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { inquiryDecider, isReplyPending, type InquiryState } from './inquiry.decider';
import type { InquiryEvent } from './inquiry.events';

const of =
  (pick: (inquiry: Exclude<InquiryState, { status: 'absent' }>) => string | null) =>
  (state: InquiryState): string | null =>
    state.status === 'absent' ? null : pick(state);

/** Every letter inquiry, its folded state; `reply_due_on` while a reply is awaited and not yet marked overdue. */
export const INQUIRIES_READ_MODEL: StreamStateReadModel<InquiryState, InquiryEvent> = {
  name: 'case_inquiries',
  version: 1,
  table: 'case_inquiries',
  handles: ['InquiryOpened', 'InquiryLetterSent', 'InquiryReplyReceived', 'InquiryReplyOverdue', 'InquiryConcluded'],
  initialState: inquiryDecider.initialState,
  evolve: inquiryDecider.evolve,
  columns: {
    inquiry_id: { type: 'text', of: of((inquiry) => inquiry.inquiryId) },
    commission: { type: 'text', of: of((inquiry) => inquiry.commission) },
    clue_id: { type: 'text', of: of((inquiry) => inquiry.clueId) },
    status: { type: 'text', of: (state) => state.status },
    reply_due_on: {
      type: 'date',
      of: of((inquiry) => (isReplyPending(inquiry) && inquiry.overdueMarkedOn === undefined ? (inquiry.replyDueOn ?? null) : null)),
    },
  },
};

export const INQUIRIES_PROJECTION = streamStateProjection(INQUIRIES_READ_MODEL);

export class Inquiries1765000000210 implements MigrationInterface {
  name = 'Inquiries1765000000210';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(INQUIRIES_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX case_inquiries_inquiry_id ON case_inquiries (inquiry_id)');
    await runner.query('CREATE INDEX case_inquiries_clue ON case_inquiries (clue_id)');
    await runner.query('CREATE INDEX case_inquiries_reply_due ON case_inquiries (reply_due_on) WHERE reply_due_on IS NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE case_inquiries');
  }
}
