import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import type { PetitionReadState } from './petition.read-model';

export type PetitionView = Exclude<PetitionReadState, { status: 'absent' }> & { readonly version: number };

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
}
