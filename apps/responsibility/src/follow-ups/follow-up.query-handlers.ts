import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusQuery } from '@app/kit';
import { ResponsibilityActors } from '../responsibility-actors';
import { FollowUpReads, type FollowUpView } from './follow-up.reads';

/** Follow-up reads, within the caller's reach over the notice's unit (`ResponsibilityActors.assertMayRead`). */

export class GetFollowUp extends BusQuery<{ readonly noticeId: string }, FollowUpView> {}

@QueryHandler(GetFollowUp)
export class GetFollowUpHandler implements IQueryHandler<GetFollowUp> {
  constructor(
    private readonly reads: FollowUpReads,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params: { noticeId }, principal }: GetFollowUp): Promise<FollowUpView> {
    const notice = await this.reads.require(noticeId);
    await this.actors.assertMayRead(principal, notice.unitCode, chinaDay(new Date()));
    return notice;
  }
}

export class ListUnitFollowUps extends BusQuery<
  { readonly unitCode: string; readonly year: number },
  { unitCode: string; year: number; notices: FollowUpView[] }
> {}

@QueryHandler(ListUnitFollowUps)
export class ListUnitFollowUpsHandler implements IQueryHandler<ListUnitFollowUps> {
  constructor(
    private readonly reads: FollowUpReads,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params: { unitCode, year }, principal }: ListUnitFollowUps) {
    await this.actors.assertMayRead(principal, unitCode, chinaDay(new Date()));
    return { unitCode, year, notices: await this.reads.ofUnit(unitCode, year) };
  }
}
