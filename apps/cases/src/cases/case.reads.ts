import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { EventStore } from '@app/eventstore';
import { clueStreamId } from '../clues/clue.commands';
import { inquiryStreamId } from '../inquiries/inquiry.commands';
import { caseStreamId } from './case.commands';
import type { OpenedCase } from './case.decider';
import { preliminaryCheckStreamId } from './preliminary-check.commands';
import type { OpenedCheck } from './preliminary-check.decider';

export type CheckView = OpenedCheck & { readonly version: number };
export type CaseView = OpenedCase & { readonly version: number };

/** One event of a case's chain, from the event store. */
export interface TimelineEntry {
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly data: unknown;
}

/** The preliminary checks' and cases' read models (`case_preliminary_checks`, `case_cases`) and the chain behind a case. */
@Injectable()
export class CaseReads {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async requireCheck(checkId: string): Promise<CheckView> {
    const [row] = await this.dataSource.query<{ state: OpenedCheck; version: number }[]>(
      'SELECT state, version FROM case_preliminary_checks WHERE check_id = $1',
      [checkId.toLowerCase()],
    );
    if (!row) throw new DomainError('PRELIMINARY_CHECK.NOT_FOUND', `No preliminary check ${checkId}.`, 'not_found', { checkId });
    return { ...row.state, version: row.version };
  }

  async requireCase(caseId: string): Promise<CaseView> {
    const [row] = await this.dataSource.query<{ state: OpenedCase; version: number }[]>(
      'SELECT state, version FROM case_cases WHERE case_id = $1',
      [caseId.toLowerCase()],
    );
    if (!row) throw new DomainError('CASE.NOT_FOUND', `No case ${caseId}.`, 'not_found', { caseId });
    return { ...row.state, version: row.version };
  }

  /**
   * Every event of the case's chain in log order: the clue, the inquiry escalated (if any), the
   * preliminary check and the case itself. Personal values are masked.
   */
  async timeline(found: OpenedCase): Promise<TimelineEntry[]> {
    const streams = [caseStreamId(found.caseId)];
    if (found.clueId) streams.push(clueStreamId(found.clueId));
    if (found.preliminaryCheckId) {
      streams.push(preliminaryCheckStreamId(found.preliminaryCheckId));
      const check = await this.requireCheck(found.preliminaryCheckId).catch(() => undefined);
      if (check?.inquiryId) streams.push(inquiryStreamId(check.inquiryId));
    }
    const events = (await Promise.all(streams.map((streamId) => this.store.readStream(streamId, { personalData: 'mask' })))).flat();
    return events
      .sort((a, b) => a.position - b.position)
      .map((event) => ({
        streamId: event.streamId,
        version: event.version,
        type: event.type,
        recordedAt: event.recordedAt.toISOString(),
        data: event.data,
      }));
  }
}
