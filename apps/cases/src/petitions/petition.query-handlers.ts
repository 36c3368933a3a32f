import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusQuery } from '@app/kit';
import { PetitionFacts } from './petition-facts';
import { PetitionReads, type PetitionView } from './petition.reads';

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
