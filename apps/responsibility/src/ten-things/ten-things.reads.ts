import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import type { TenThingsState } from './ten-things.decider';

export type TenThingsView = Exclude<TenThingsState, { status: 'absent' }> & { readonly progress: number; readonly version: number };

interface Row {
  readonly state: TenThingsView;
  readonly progress: number;
  readonly version: number;
}

const view = (row: Row): TenThingsView => ({ ...row.state, progress: row.progress, version: row.version });

/** The ten-things read model (`resp_ten_things`), one folded row per project. */
@Injectable()
export class TenThingsReads {
  constructor(private readonly dataSource: DataSource) {}

  async require(unitCode: string, year: number, number: number): Promise<TenThingsView> {
    const [row] = await this.dataSource.query<Row[]>(
      'SELECT state, progress, version FROM resp_ten_things WHERE unit_code = $1 AND year = $2 AND number = $3',
      [unitCode, year, number],
    );
    if (!row) {
      throw new DomainError('TEN_THINGS.NOT_FOUND', `Item ${number} of ${unitCode}'s ten things of ${year} is not opened.`, 'not_found');
    }
    return view(row);
  }

  async ofUnit(unitCode: string, year: number): Promise<TenThingsView[]> {
    const rows = await this.dataSource.query<Row[]>(
      'SELECT state, progress, version FROM resp_ten_things WHERE unit_code = $1 AND year = $2 ORDER BY number',
      [unitCode, year],
    );
    return rows.map(view);
  }
}
