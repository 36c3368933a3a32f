import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay, DomainError } from '@app/domain';
import { BusQuery } from '@app/kit';
import { hasRole } from '@app/platform';
import { ClueFacts } from './clue-facts';
import { ClueReads, type ClueListFilter, type ClueListItem, type ClueView } from './clue.reads';

export class GetClue extends BusQuery<{ readonly clueId: string }, ClueView> {}

/** A clue, for auditors and the handling commission's officers and leadership; never for a person it is about. */
@QueryHandler(GetClue)
export class GetClueHandler implements IQueryHandler<GetClue> {
  constructor(
    private readonly reads: ClueReads,
    private readonly facts: ClueFacts,
  ) {}

  async execute({ params: { clueId }, principal }: GetClue): Promise<ClueView> {
    const clue = await this.reads.require(clueId);
    await this.facts.assertMayRead(principal, clue.commission, clue.subjects, chinaDay(new Date()));
    return clue;
  }
}

export class ListClues extends BusQuery<Omit<ClueListFilter, 'reader'>, { items: ClueListItem[] }> {}

/** A commission's clues for auditors and its officers and leadership; none about the caller. */
@QueryHandler(ListClues)
export class ListCluesHandler implements IQueryHandler<ListClues> {
  constructor(
    private readonly reads: ClueReads,
    private readonly facts: ClueFacts,
  ) {}

  async execute({ params, principal }: ListClues) {
    if (!hasRole(principal, 'auditor')) {
      const actor = await this.facts.actorOf(principal, params.commission, chinaDay(new Date()));
      if (!actor.officer && actor.commissionPosts.length === 0) {
        throw new DomainError('AUTH.FORBIDDEN', `You do not act for ${params.commission}.`, 'forbidden');
      }
    }
    return this.reads.list({ ...params, reader: principal.personId });
  }
}
