import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { followUpDecider, type FollowUpState } from './follow-up.decider';
import type { FollowUpAnswered, FollowUpClosed, FollowUpCommented, FollowUpEvent } from './follow-up.events';

/**
 * A notice as it is read: the decider's state, which keeps only what its rules need, with the
 * commission's comments, the unit's answers and the closing as they were recorded.
 */
export type FollowUpReadState =
  | { readonly status: 'absent' }
  | (Exclude<FollowUpState, { status: 'absent' }> & {
      readonly comments: readonly FollowUpCommented['data'][];
      readonly answers: readonly FollowUpAnswered['data'][];
      readonly closing?: FollowUpClosed['data'];
    });

function evolve(state: FollowUpReadState, event: FollowUpEvent): FollowUpReadState {
  const next = followUpDecider.evolve(state, event);
  if (next.status === 'absent') return next;
  const kept = state.status === 'absent' ? { comments: [], answers: [] } : state;
  const comments = event.type === 'FollowUpCommented' ? [...kept.comments, event.data] : kept.comments;
  const answers = event.type === 'FollowUpAnswered' ? [...kept.answers, event.data] : kept.answers;
  const closing = event.type === 'FollowUpClosed' ? event.data : state.status === 'absent' ? undefined : state.closing;
  return { ...next, comments, answers, ...(closing ? { closing } : {}) };
}

const of =
  <T>(pick: (notice: Exclude<FollowUpReadState, { status: 'absent' }>) => T) =>
  (state: FollowUpReadState): T | null =>
    state.status === 'absent' ? null : pick(state);

/** Every follow-up notice, with its unit, commission, year of issue, status and deadline to filter on. */
export const FOLLOW_UPS_READ_MODEL: StreamStateReadModel<FollowUpReadState, FollowUpEvent> = {
  name: 'resp_follow_ups',
  version: 1,
  table: 'resp_follow_ups',
  handles: ['FollowUpNoticeIssued', 'FollowUpCommented', 'FollowUpAnswered', 'FollowUpClosed'],
  initialState: () => ({ status: 'absent' }),
  evolve,
  columns: {
    notice_id: { type: 'text', of: of((notice) => notice.noticeId) },
    unit_code: { type: 'text', of: of((notice) => notice.unitCode) },
    commission_code: { type: 'text', of: of((notice) => notice.commissionCode) },
    year: { type: 'integer', of: of((notice) => Number(notice.issuedOn.slice(0, 4))) },
    status: { type: 'text', of: (state) => state.status },
    deadline: { type: 'date', of: of((notice) => notice.deadline) },
  },
};

export const FOLLOW_UPS_PROJECTION = streamStateProjection(FOLLOW_UPS_READ_MODEL);

export class FollowUps1764900000300 implements MigrationInterface {
  name = 'FollowUps1764900000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(FOLLOW_UPS_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX resp_follow_ups_notice_id ON resp_follow_ups (notice_id)');
    await runner.query('CREATE INDEX resp_follow_ups_unit_year ON resp_follow_ups (unit_code, year, deadline)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resp_follow_ups');
  }
}
