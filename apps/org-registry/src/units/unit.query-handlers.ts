import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import { BusQuery } from '@app/kit';
import { RegistryQueries, type TreeNode } from '../read-models/registry.queries';
import type { UnitRow } from '../read-models/read-model.entities';
import { responsibilityChain, type ResponsibilityChain } from '../responsibility/responsibility-chain';
import type { PostKind } from './posts';
import type { Appointment } from './unit.decider';
import { appointmentsOn, holdersOn } from './unit.queries';

/** The Unit reads on the query bus; each answers as of a day from the effective-dated read models. */

export class GetUnitTree extends BusQuery<{ readonly day: string; readonly root?: string }, { day: string; units: TreeNode[] }> {}

@QueryHandler(GetUnitTree)
export class GetUnitTreeHandler implements IQueryHandler<GetUnitTree> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { day, root } }: GetUnitTree) {
    if (root) await requireUnit(this.queries, root);
    return { day, units: await this.queries.tree(day, root) };
  }
}

type UnitSummary = Pick<UnitRow, 'code' | 'name' | 'kind' | 'level' | 'parentCode' | 'status'>;
export class SearchUnits extends BusQuery<{ readonly text: string }, { units: UnitSummary[] }> {}

@QueryHandler(SearchUnits)
export class SearchUnitsHandler implements IQueryHandler<SearchUnits> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { text } }: SearchUnits) {
    const rows = await this.queries.searchUnits(text);
    return { units: rows.map(({ code, name, kind, level, parentCode, status }) => ({ code, name, kind, level, parentCode, status })) };
  }
}

export interface UnitDetail extends UnitSummary {
  readonly version: number;
  readonly team: readonly Appointment[];
  readonly history: UnitRow['state'];
}
export class GetUnitDetail extends BusQuery<{ readonly code: string; readonly today: string }, UnitDetail> {}

@QueryHandler(GetUnitDetail)
export class GetUnitDetailHandler implements IQueryHandler<GetUnitDetail> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { code, today } }: GetUnitDetail): Promise<UnitDetail> {
    const row = await requireUnit(this.queries, code);
    const { name, kind, level, parentCode, status, version, state } = row;
    return { code, name, kind, level, parentCode, status, version, team: appointmentsOn(state, today), history: state };
  }
}

export class GetUnitTeam extends BusQuery<
  { readonly code: string; readonly day: string },
  { unitCode: string; day: string; team: readonly Appointment[] }
> {}

@QueryHandler(GetUnitTeam)
export class GetUnitTeamHandler implements IQueryHandler<GetUnitTeam> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { code, day } }: GetUnitTeam) {
    const row = await requireUnit(this.queries, code);
    return { unitCode: code, day, team: appointmentsOn(row.state, day) };
  }
}

export class GetPostHolders extends BusQuery<
  { readonly code: string; readonly post: PostKind; readonly day: string },
  { unitCode: string; post: PostKind; day: string; holders: readonly Appointment[] }
> {}

@QueryHandler(GetPostHolders)
export class GetPostHoldersHandler implements IQueryHandler<GetPostHolders> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { code, post, day } }: GetPostHolders) {
    const row = await requireUnit(this.queries, code);
    return { unitCode: code, post, day, holders: holdersOn(row.state, post, day) };
  }
}

export class GetResponsibilityChain extends BusQuery<{ readonly code: string; readonly day: string }, ResponsibilityChain> {}

@QueryHandler(GetResponsibilityChain)
export class GetResponsibilityChainHandler implements IQueryHandler<GetResponsibilityChain> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { code, day } }: GetResponsibilityChain): Promise<ResponsibilityChain> {
    await requireUnit(this.queries, code);
    const holders = await this.queries.portfolioHolderUnits(code);
    const lookup = await this.queries.unitLookup([code, ...holders]);
    const chain = responsibilityChain(lookup, code, day, holders);
    if (!chain) throw new DomainError('UNIT.NOT_EXISTING_ON_DAY', `Unit ${code} did not exist on ${day}.`, 'not_found');
    return chain;
  }
}

async function requireUnit(queries: RegistryQueries, code: string): Promise<UnitRow> {
  const row = await queries.unit(code);
  if (!row) throw new DomainError('UNIT.NOT_FOUND', `No unit with code ${code}.`, 'not_found', { unitCode: code });
  return row;
}

export const UNIT_QUERY_HANDLERS = [
  GetUnitTreeHandler,
  SearchUnitsHandler,
  GetUnitDetailHandler,
  GetUnitTeamHandler,
  GetPostHoldersHandler,
  GetResponsibilityChainHandler,
];
