import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import type { ClueInHand } from './clue.decider';

export type ClueView = ClueInHand & { readonly version: number };

export interface ClueListFilter {
  readonly commission: string;
  readonly status?: string;
  readonly overdue?: boolean;
  /** Staff number of the caller: clues about them are never listed to them. */
  readonly reader: string;
  readonly limit: number;
}

export interface ClueListItem {
  readonly clueId: string;
  readonly number: string;
  readonly source: string;
  readonly status: string;
  readonly registeredOn: string;
  readonly disposalDueOn: string;
  readonly method?: string;
  readonly approvedOn?: string;
  readonly overdue: boolean;
}

/** The clues read model (`case_clues`), one folded row per clue. */
@Injectable()
export class ClueReads {
  constructor(private readonly dataSource: DataSource) {}

  async find(clueId: string): Promise<ClueView | undefined> {
    const [row] = await this.dataSource.query<{ state: ClueInHand; version: number }[]>(
      'SELECT state, version FROM case_clues WHERE clue_id = $1',
      [clueId.toLowerCase()],
    );
    return row ? { ...row.state, version: row.version } : undefined;
  }

  async require(clueId: string): Promise<ClueView> {
    const clue = await this.find(clueId);
    if (!clue) throw new DomainError('CLUE.NOT_FOUND', `No clue ${clueId}.`, 'not_found', { clueId });
    return clue;
  }

  /** A commission's clues, newest registration first (at most `limit`); none about the reader. */
  async list(filter: ClueListFilter): Promise<{ items: ClueListItem[] }> {
    const rows = await this.dataSource.query<{ state: ClueInHand }[]>(
      `SELECT state FROM case_clues
        WHERE commission = $1
          AND ($2::text IS NULL OR status = $2)
          AND ($3::boolean IS NULL OR coalesce(overdue, false) = $3)
          AND NOT coalesce(state->'subjects' @> jsonb_build_array(jsonb_build_object('staffNumber', $4::text)), false)
        ORDER BY registered_on DESC, clue_id DESC
        LIMIT $5`,
      [filter.commission, filter.status ?? null, filter.overdue ?? null, filter.reader, filter.limit],
    );
    return {
      items: rows.map(({ state }) => ({
        clueId: state.clueId,
        number: state.number,
        source: state.source,
        status: state.status,
        registeredOn: state.registeredOn,
        disposalDueOn: state.disposalDueOn,
        ...(state.proposal ? { method: state.proposal.method } : {}),
        ...(state.approvedOn ? { approvedOn: state.approvedOn } : {}),
        overdue: state.status !== 'approved' && state.overdue,
      })),
    };
  }
}
