import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusQuery } from '@app/kit';
import { PetitionFacts } from './petition-facts';
import { PetitionReads, type PetitionListFilter, type PetitionListItem, type PetitionView } from './petition.reads';

export class GetPetition extends BusQuery<{ readonly petitionId: string }, PetitionView> {}

/** A petition without its protected fields, for those who may see it (`PetitionFacts.assertMayView`). */
@QueryHandler(GetPetition)
export class GetPetitionHandler implements IQueryHandler<GetPetition> {
  constructor(
    private readonly reads: PetitionReads,
    private readonly facts: PetitionFacts,
  ) {}

  async execute({ params: { petitionId }, principal }: GetPetition): Promise<PetitionView> {
    const petition = await this.reads.require(petitionId);
    await this.facts.assertMayView(principal, petition, chinaDay(new Date()));
    return petition;
  }
}

export class ListPetitions extends BusQuery<Omit<PetitionListFilter, 'reader'>, { items: PetitionListItem[]; next: string | null }> {}

/** A commission's petitions for its petition office, secretary and auditors; none that reports on the caller. */
@QueryHandler(ListPetitions)
export class ListPetitionsHandler implements IQueryHandler<ListPetitions> {
  constructor(
    private readonly reads: PetitionReads,
    private readonly facts: PetitionFacts,
  ) {}

  async execute({ params, principal }: ListPetitions) {
    await this.facts.assertMayList(principal, params.commission, chinaDay(new Date()));
    return this.reads.list({ ...params, reader: principal.personId });
  }
}
