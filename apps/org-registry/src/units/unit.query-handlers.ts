import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import { BusQuery } from '@app/kit';
import { ReadRules } from '../read-rules';
import { RegistryQueries, type TreeNode } from '../read-models/registry.queries';
import type { UnitRow } from '../read-models/read-model.entities';
import { responsibilityChain, type ResponsibilityChain } from '../responsibility/responsibility-chain';
import type { PostKind } from './posts';
import type { Appointment } from './unit.decider';
import { holdersOn, teamOn } from './unit.queries';

/**
 * The Unit reads on the query bus; each answers as of a day from the effective-dated read models,
 * within the caller's reach (`ReadRules`): a unit outside it is 403, the tree and search leave it out.
 */

export class GetUnitTree extends BusQuery<{ readonly day: string; readonly root?: string }, { day: string; units: TreeNode[] }> {}

@QueryHandler(GetUnitTree)
export class GetUnitTreeHandler implements IQueryHandler<GetUnitTree> {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly rules: ReadRules,
  ) {}

  async execute({ params: { day, root }, principal }: GetUnitTree) {
    if (root) await this.rules.readableUnit(principal, root);
    return { day, units: await this.queries.tree(day, root, await this.rules.readableUnits(principal)) };
  }
}

type UnitSummary = Pick<UnitRow, 'code' | 'name' | 'kind' | 'level' | 'parentCode' | 'status'>;
export class SearchUnits extends BusQuery<{ readonly text: string }, { units: UnitSummary[] }> {}

@QueryHandler(SearchUnits)
export class SearchUnitsHandler implements IQueryHandler<SearchUnits> {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly rules: ReadRules,
  ) {}

  async execute({ params: { text }, principal }: SearchUnits) {
    const rows = await this.queries.searchUnits(text, await this.rules.readableUnits(principal));
    return { units: rows.map(({ code, name, kind, level, parentCode, status }) => ({ code, name, kind, level, parentCode, status })) };
  }
}

export interface UnitDetail extends UnitSummary {
  readonly version: number;
  readonly team: readonly NamedAppointment[];
  readonly history: UnitRow['state'];
}
export class GetUnitDetail extends BusQuery<{ readonly code: string; readonly today: string }, UnitDetail> {}

@QueryHandler(GetUnitDetail)
export class GetUnitDetailHandler implements IQueryHandler<GetUnitDetail> {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly rules: ReadRules,
  ) {}

  async execute({ params: { code, today }, principal }: GetUnitDetail): Promise<UnitDetail> {
    const row = await this.rules.readableUnit(principal, code);
    const { name, kind, level, parentCode, status, version, state } = row;
    const team = await named(this.queries, teamOn(state, today), today);
    return { code, name, kind, level, parentCode, status, version, team, history: state };
  }
}

export class GetUnitTeam extends BusQuery<
  { readonly code: string; readonly day: string },
  { unitCode: string; day: string; team: readonly NamedAppointment[] }
> {}

@QueryHandler(GetUnitTeam)
export class GetUnitTeamHandler implements IQueryHandler<GetUnitTeam> {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly rules: ReadRules,
  ) {}

  async execute({ params: { code, day }, principal }: GetUnitTeam) {
    const row = await this.rules.readableUnit(principal, code);
    return { unitCode: code, day, team: await named(this.queries, teamOn(row.state, day), day) };
  }
}

export class GetPostHolders extends BusQuery<
  { readonly code: string; readonly post: PostKind; readonly day: string },
  { unitCode: string; post: PostKind; day: string; holders: readonly NamedAppointment[] }
> {}

@QueryHandler(GetPostHolders)
export class GetPostHoldersHandler implements IQueryHandler<GetPostHolders> {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly rules: ReadRules,
  ) {}

  async execute({ params: { code, post, day }, principal }: GetPostHolders) {
    const row = await this.rules.readableUnit(principal, code);
    return { unitCode: code, post, day, holders: await named(this.queries, holdersOn(row.state, post, day), day) };
  }
}

export class GetResponsibilityChain extends BusQuery<{ readonly code: string; readonly day: string }, ResponsibilityChain> {}

@QueryHandler(GetResponsibilityChain)
export class GetResponsibilityChainHandler implements IQueryHandler<GetResponsibilityChain> {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly rules: ReadRules,
  ) {}

  async execute({ params: { code, day }, principal }: GetResponsibilityChain): Promise<ResponsibilityChain> {
    await this.rules.readableUnit(principal, code);
    const holderUnits = await this.queries.portfolioHolderUnits(code);
    const lookup = await this.queries.unitLookup([code, ...holderUnits]);
    const chain = responsibilityChain(lookup, code, day, holderUnits);
    if (!chain) throw new DomainError('UNIT.NOT_EXISTING_ON_DAY', `Unit ${code} did not exist on ${day}.`, 'not_found');
    const holders = [
      chain.unit.head,
      chain.responsible?.committee.principalLeader,
      chain.responsible?.commission?.secretary,
      ...chain.inCharge,
    ];
    const higher = [chain.higher?.committee.principalLeader, chain.higher?.commission?.secretary];
    const names = await this.queries.namesOn(
      [...holders, ...higher].flatMap((h) => (h ? [h.staffNumber] : [])),
      day,
    );
    return withNames(chain, names);
  }
}

/** Every holder in the chain (any object with a staff number) with the name the person bore on the chain's day. */
function withNames<T>(value: T, names: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withNames(item, names)) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries: [string, unknown][] = Object.entries(value).map(([key, item]: [string, unknown]) => [key, withNames(item, names)]);
  const staffNumber = (value as { staffNumber?: unknown }).staffNumber;
  if (typeof staffNumber === 'string') entries.push(['name', names.get(staffNumber) ?? null]);
  return Object.fromEntries(entries) as T;
}

export type NamedAppointment = Appointment & { readonly name: string | null };

/** Appointments with the name the appointee bore on `day` beside the staff number. */
async function named(queries: RegistryQueries, appointments: readonly Appointment[], day: string): Promise<NamedAppointment[]> {
  const names = await queries.namesOn(
    appointments.map((a) => a.staffNumber),
    day,
  );
  return appointments.map((a) => ({ ...a, name: names.get(a.staffNumber) ?? null }));
}

export const UNIT_QUERY_HANDLERS = [
  GetUnitTreeHandler,
  SearchUnitsHandler,
  GetUnitDetailHandler,
  GetUnitTeamHandler,
  GetPostHoldersHandler,
  GetResponsibilityChainHandler,
];
