import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import type { FollowUpReadState } from './follow-up.read-model';

export type FollowUpView = Exclude<FollowUpReadState, { status: 'absent' }> & { readonly version: number };

interface Row {
  readonly state: FollowUpView;
  readonly version: number;
}

/** The follow-up notices read model (`resp_follow_ups`), one folded row per notice. */
@Injectable()
export class FollowUpReads {
  constructor(private readonly dataSource: DataSource) {}

  async require(noticeId: string): Promise<FollowUpView> {
    const [row] = await this.dataSource.query<Row[]>('SELECT state, version FROM resp_follow_ups WHERE notice_id = $1', [
      noticeId.toLowerCase(),
    ]);
    if (!row) throw new DomainError('FOLLOW_UP.NOT_FOUND', `No follow-up notice ${noticeId}.`, 'not_found', { noticeId });
    return { ...row.state, version: row.version };
  }

  async ofUnit(unitCode: string, year: number): Promise<FollowUpView[]> {
    const rows = await this.dataSource.query<Row[]>(
      'SELECT state, version FROM resp_follow_ups WHERE unit_code = $1 AND year = $2 ORDER BY deadline, notice_id',
      [unitCode, year],
    );
    return rows.map((row) => ({ ...row.state, version: row.version }));
  }
}
