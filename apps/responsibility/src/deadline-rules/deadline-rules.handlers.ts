import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import {
  encloses,
  requireJurisdiction,
  rulesOf,
  type DeadlineUnit,
  type Jurisdiction,
  type JurisdictionLevel,
  type RuleSetState,
} from '@app/deadlines';
import { chinaDay } from '@app/domain';
import { BusCommand, BusQuery, type CommandResponse } from '@app/kit';
import { DeadlineRuleBooks, type SourcedRule } from './deadline-rule-books';
import { jurisdictionChain, ruleSetStreamId } from './jurisdiction-chain';
import { RuleSetAggregate } from './rule-set.aggregate';

interface RuleAt {
  readonly level: JurisdictionLevel;
  readonly code: string;
  readonly name: string;
}

export interface SetDeadlineRuleData extends RuleAt {
  readonly parameter: number;
  readonly unit: DeadlineUnit;
  readonly legalBasis: string;
  readonly effectiveFrom: string;
}

/** Sets a rule of a jurisdiction from a day on: defined there the first time, amended after. */
export class SetDeadlineRuleCommand extends BusCommand<SetDeadlineRuleData> {}

export interface RetireDeadlineRuleData extends RuleAt {
  readonly retiredFrom: string;
  readonly reason: string;
}

export class RetireDeadlineRuleCommand extends BusCommand<RetireDeadlineRuleData> {}

/** The rules in force on a day for a division (its whole chain, national first), with their source. */
export class ListDeadlineRules extends BusQuery<{ readonly divisionCode: string; readonly on?: string }, DeadlineRulesView> {}

export interface DeadlineRulesView {
  readonly divisionCode: string;
  readonly on: string;
  readonly chain: readonly Jurisdiction[];
  /** Per rule name, the version that applies (the most local one, unless a higher level is stricter). */
  readonly applicable: readonly SourcedRule[];
  /** Every version in force on the day, at every level of the chain. */
  readonly inForce: readonly SourcedRule[];
}

function jurisdictionOf(data: RuleAt): Jurisdiction {
  const jurisdiction = { level: data.level, code: data.code };
  requireJurisdiction(jurisdiction);
  return jurisdiction;
}

@CommandHandler(SetDeadlineRuleCommand)
export class SetDeadlineRuleHandler implements ICommandHandler<SetDeadlineRuleCommand> {
  constructor(
    private readonly ruleSets: RuleSetAggregate,
    private readonly books: DeadlineRuleBooks,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ data, context }: SetDeadlineRuleCommand): Promise<CommandResponse> {
    const jurisdiction = jurisdictionOf(data);
    const chain = jurisdictionChain(jurisdiction.code);
    // The new version may be no laxer than any version of the enclosing levels (seed or recorded).
    const higher = (await this.books.rulesAlong(chain)).filter(
      (rule) => rule.name === data.name && encloses(rule.jurisdiction, jurisdiction),
    );
    const terms = {
      jurisdiction,
      name: data.name,
      parameter: data.parameter,
      unit: data.unit,
      legalBasis: data.legalBasis,
      effectiveFrom: data.effectiveFrom,
      higher: higher.map(({ source: _source, ...rule }) => rule),
    };
    const recorded = await recordedRules(this.dataSource, jurisdiction);
    const latest = recorded.filter((rule) => rule.name === data.name).at(-1);
    const type = latest && latest.effectiveTo === undefined ? 'AmendDeadlineRule' : 'DefineDeadlineRule';
    return this.ruleSets.send(jurisdiction, { type, data: terms }, context);
  }
}

@CommandHandler(RetireDeadlineRuleCommand)
export class RetireDeadlineRuleHandler implements ICommandHandler<RetireDeadlineRuleCommand> {
  constructor(private readonly ruleSets: RuleSetAggregate) {}

  execute({ data, context }: RetireDeadlineRuleCommand): Promise<CommandResponse> {
    const jurisdiction = jurisdictionOf(data);
    const { name, retiredFrom, reason } = data;
    return this.ruleSets.send(jurisdiction, { type: 'RetireDeadlineRule', data: { jurisdiction, name, retiredFrom, reason } }, context);
  }
}

async function recordedRules(dataSource: DataSource, jurisdiction: Jurisdiction) {
  const [row] = await dataSource.query<{ state: RuleSetState }[]>('SELECT state FROM resp_rule_sets WHERE stream_id = $1', [
    ruleSetStreamId(jurisdiction),
  ]);
  return row ? rulesOf(row.state) : [];
}

@QueryHandler(ListDeadlineRules)
export class ListDeadlineRulesHandler implements IQueryHandler<ListDeadlineRules> {
  constructor(private readonly books: DeadlineRuleBooks) {}

  async execute({ params }: ListDeadlineRules): Promise<DeadlineRulesView> {
    const on = params.on ?? chinaDay(new Date());
    const chain = jurisdictionChain(params.divisionCode);
    const book = await this.books.bookFor(chain);
    const names = [...new Set(book.rules.map((rule) => rule.name))].sort();
    const inForce = names.flatMap((name) => book.inForce(name, chain, on)) as SourcedRule[];
    const applicable = names
      .filter((name) => inForce.some((rule) => rule.name === name))
      .map((name) => book.resolve(name, chain, on) as SourcedRule);
    return { divisionCode: params.divisionCode, on, chain, applicable, inForce };
  }
}
