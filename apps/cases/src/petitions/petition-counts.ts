import { Injectable } from '@nestjs/common';
import { chinaDay, requireUnitCode, rule, type Command, type Decider, type DomainEvent } from '@app/domain';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse } from '@app/kit';

/**
 * A commission's petition counts for a month (stream `petition-counts-<commission>-<YYYY-MM>`):
 * per unit reported on, the petitions registered that month (forwarded ones are counted by the
 * commission they went to; repeats are not counted again). Compiled once, after the month is over;
 * published so that responsibility tracking can trigger admonishment talks.
 */

export interface UnitPetitionCount {
  readonly unitCode: string;
  readonly petitions: number;
}

export type PetitionCountsCompiled = DomainEvent<
  'PetitionCountsCompiled',
  { readonly commission: string; readonly month: string; readonly counts: readonly UnitPetitionCount[]; readonly compiledOn: string }
>;

export type CompilePetitionCounts = Command<
  'CompilePetitionCounts',
  { readonly commission: string; readonly month: string; readonly counts: readonly UnitPetitionCount[] }
>;

export type PetitionCountsState = { readonly status: 'absent' } | { readonly status: 'compiled'; readonly compiledOn: string };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const petitionCountsDecider: Decider<PetitionCountsState, CompilePetitionCounts, PetitionCountsCompiled> = {
  initialState: () => ({ status: 'absent' }),
  decide(command, state) {
    const { commission, month, counts } = command.data;
    if (state.status === 'compiled') return [];
    const today = chinaDay(command.metadata.now);
    rule(MONTH.test(month), 'PETITION_COUNTS.INVALID_MONTH', `${month} is not a month (YYYY-MM)`, 'invalid');
    rule(month < today.slice(0, 7), 'PETITION_COUNTS.MONTH_NOT_OVER', `${month} is not over on ${today}`, 'conflict');
    rule(
      counts.every((count) => Number.isInteger(count.petitions) && count.petitions > 0),
      'PETITION_COUNTS.INVALID_COUNT',
      'each count is a positive whole number',
      'invalid',
    );
    const sorted = [...counts]
      .map((count) => ({ unitCode: requireUnitCode(count.unitCode, 'counts.unitCode'), petitions: count.petitions }))
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    return [
      {
        type: 'PetitionCountsCompiled',
        data: { commission: requireUnitCode(commission, 'commission'), month, counts: sorted, compiledOn: today },
      },
    ];
  },
  evolve: (_state, event) => ({ status: 'compiled', compiledOn: event.data.compiledOn }),
};

export const petitionCountsStreamId = (commission: string, month: string): string => `petition-counts-${commission}-${month}`;

/** The counts' entry to the command path (the scheduler's; never on a route). */
@Injectable()
export class PetitionCountsAggregate {
  private readonly aggregate: Aggregate<PetitionCountsState, CompilePetitionCounts, PetitionCountsCompiled> = {
    decider: petitionCountsDecider,
  };

  constructor(private readonly path: CommandPath) {}

  compile(data: CompilePetitionCounts['data'], context: CommandContext): Promise<CommandResponse> {
    return this.path.execute(
      this.aggregate,
      petitionCountsStreamId(data.commission, data.month),
      { type: 'CompilePetitionCounts', data },
      context,
      data.commission,
    );
  }
}
