import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusQuery } from '@app/kit';
import type { Principal } from '@app/platform';
import { CaseReads, type CaseView, type CheckView, type TimelineEntry } from './case.reads';
import { HandlingFacts } from './handling-facts';

export class GetPreliminaryCheck extends BusQuery<{ readonly checkId: string }, CheckView> {}
export class GetCase extends BusQuery<{ readonly caseId: string }, CaseView> {}
export class GetCaseTimeline extends BusQuery<{ readonly caseId: string }, { caseId: string; events: TimelineEntry[] }> {}

/** Read rule: auditors and the handling commission's officers and secretary; never a subject. */
@QueryHandler(GetPreliminaryCheck)
export class GetPreliminaryCheckHandler implements IQueryHandler<GetPreliminaryCheck> {
  constructor(
    private readonly reads: CaseReads,
    private readonly facts: HandlingFacts,
  ) {}

  async execute({ params, principal }: GetPreliminaryCheck): Promise<CheckView> {
    const check = await this.reads.requireCheck(params.checkId);
    await this.facts.assertMayRead(principal, { commission: check.commission, subjects: staffOf(check.subjects) }, chinaDay(new Date()));
    return check;
  }
}

@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase> {
  constructor(
    private readonly reads: CaseReads,
    private readonly facts: HandlingFacts,
  ) {}

  async execute({ params, principal }: GetCase): Promise<CaseView> {
    return readableCase(this.reads, this.facts, params.caseId, principal);
  }
}

@QueryHandler(GetCaseTimeline)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimeline> {
  constructor(
    private readonly reads: CaseReads,
    private readonly facts: HandlingFacts,
  ) {}

  async execute({ params, principal }: GetCaseTimeline) {
    const found = await readableCase(this.reads, this.facts, params.caseId, principal);
    return { caseId: found.caseId, events: await this.reads.timeline(found) };
  }
}

async function readableCase(reads: CaseReads, facts: HandlingFacts, caseId: string, principal: Principal): Promise<CaseView> {
  const found = await reads.requireCase(caseId);
  await facts.assertMayRead(principal, { commission: found.commission, subjects: staffOf(found.subjects) }, chinaDay(new Date()));
  return found;
}

const staffOf = (subjects: readonly { staffNumber: string }[]) => subjects.map((subject) => subject.staffNumber);
