import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { pendingDeadlines, type PendingDeadline } from './petition.decider';
import type { PetitionReadState } from './petition.read-model';

export type PetitionView = Exclude<PetitionReadState, { status: 'absent' }> & { readonly version: number };

export interface PetitionListFilter {
  readonly commission: string;
  readonly status?: string;
  readonly overdue?: boolean;
  readonly receivedFrom?: string;
  readonly receivedTo?: string;
  /** Staff number of the caller: petitions reporting on them are never listed to them. */
  readonly reader: string;
  readonly limit: number;
  readonly after?: string;
}

export interface PetitionListItem {
  readonly petitionId: string;
  readonly number: string;
  readonly status: string;
  readonly receivedOn: string;
  readonly registeredOn: string;
  readonly result?: string;
  readonly overdue: boolean;
  readonly deadlines: readonly PendingDeadline[];
}

interface Row {
  readonly state: PetitionView;
  readonly version: number;
}

/** The petitions read model (`case_petitions`), one folded row per petition, never a protected value. */
@Injectable()
export class PetitionReads {
  constructor(private readonly dataSource: DataSource) {}

  async find(petitionId: string): Promise<PetitionView | undefined> {
    const [row] = await this.dataSource.query<Row[]>('SELECT state, version FROM case_petitions WHERE petition_id = $1', [
      petitionId.toLowerCase(),
    ]);
    return row ? { ...row.state, version: row.version } : undefined;
  }

  async require(petitionId: string): Promise<PetitionView> {
    const petition = await this.find(petitionId);
    if (!petition) throw new DomainError('PETITION.NOT_FOUND', `No petition ${petitionId}.`, 'not_found', { petitionId });
    return petition;
  }

  /** A commission's petitions, newest receipt first, a page at a time (keyset on receipt day and id). */
  async list(filter: PetitionListFilter): Promise<{ items: PetitionListItem[]; next: string | null }> {
    const cursor = filter.after ? decodeCursor(filter.after) : undefined;
    const rows = await this.dataSource.query<{ state: PetitionView; overdue: boolean | null }[]>(
      `SELECT state, overdue FROM case_petitions
        WHERE receiving_commission = $1
          AND ($2::text IS NULL OR status = $2)
          AND ($3::boolean IS NULL OR coalesce(overdue, false) = $3)
          AND ($4::date IS NULL OR received_on >= $4) AND ($5::date IS NULL OR received_on <= $5)
          AND NOT coalesce(state->'reportedPersons' ? $6, false)
          AND ($7::date IS NULL OR (received_on, petition_id) < ($7::date, $8::text))
        ORDER BY received_on DESC, petition_id DESC
        LIMIT $9`,
      [
        filter.commission,
        filter.status ?? null,
        filter.overdue ?? null,
        filter.receivedFrom ?? null,
        filter.receivedTo ?? null,
        filter.reader,
        cursor?.receivedOn ?? null,
        cursor?.petitionId ?? null,
        filter.limit + 1,
      ],
    );
    const page = rows.slice(0, filter.limit);
    const items = page.map(({ state, overdue }): PetitionListItem => ({
      petitionId: state.petitionId,
      number: state.number,
      status: state.status,
      receivedOn: state.receivedOn,
      registeredOn: state.registeredOn,
      ...(state.status !== 'forwarded' && state.result ? { result: state.result } : {}),
      overdue: overdue ?? false,
      deadlines: pendingDeadlines(state),
    }));
    const last = page.at(-1)?.state;
    return { items, next: rows.length > filter.limit && last ? encodeCursor(last.receivedOn, last.petitionId) : null };
  }
}

function encodeCursor(receivedOn: string, petitionId: string): string {
  return Buffer.from(`${receivedOn}|${petitionId}`, 'utf8').toString('base64url');
}

function decodeCursor(after: string): { receivedOn: string; petitionId: string } {
  const [receivedOn, petitionId] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn ?? '') || !/^[0-9a-f-]{36}$/.test(petitionId ?? '')) {
    throw new DomainError('PETITION.INVALID_CURSOR', 'after is not a cursor this list gave.', 'invalid', { field: 'after' });
  }
  return { receivedOn, petitionId };
}
