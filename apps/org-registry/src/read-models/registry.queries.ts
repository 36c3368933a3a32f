import { Injectable } from '@nestjs/common';
import { And, DataSource, ILike, In } from 'typeorm';
import type { PersonName, PersonState } from '../people/person.decider';
import { nameOn as personNameOn } from '../people/person.queries';
import type { UnitState } from '../units/unit.decider';
import type { UnitLookup } from '../units/unit-directory';
import { existsOn, nameOn, parentOn } from '../units/unit.queries';
import { AppointmentRow, PersonRow, PortfolioRow, UnitRow } from './read-model.entities';

export interface TreeNode {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly level: string;
  readonly children: TreeNode[];
}

/** Reads over the registry's read models; every as-of answer is computed from effective dates. */
@Injectable()
export class RegistryQueries {
  constructor(private readonly dataSource: DataSource) {}

  async unit(code: string): Promise<UnitRow | null> {
    return this.dataSource.manager.findOneBy(UnitRow, { code });
  }

  /** Whether the unit is registered, without reading its folded history (a check on every unit command). */
  async unitExists(code: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(UnitRow, { code });
  }

  async unitKind(code: string): Promise<string | undefined> {
    return (await this.unit(code))?.kind;
  }

  /** All units by code: the whole registry folded (a district holds a few hundred). */
  async unitStates(): Promise<Map<string, UnitState>> {
    const rows = await this.dataSource.manager.find(UnitRow, { select: { code: true, state: true } });
    return new Map(rows.map((row) => [row.code, row.state as UnitState]));
  }

  /**
   * The units reachable from `codes` through any parent or pairing they ever had: everything an
   * as-of walk up the hierarchy can touch, without loading the whole registry.
   */
  async unitStatesAround(codes: readonly string[]): Promise<Map<string, UnitState>> {
    const states = new Map<string, UnitState>();
    const requested = new Set(codes);
    let wanted = [...requested];
    while (wanted.length > 0) {
      const rows = await this.dataSource.manager.find(UnitRow, { where: { code: In(wanted) }, select: { code: true, state: true } });
      const next = new Set<string>();
      for (const row of rows) {
        const state = row.state as UnitState;
        states.set(row.code, state);
        if (state.status === 'absent') continue;
        for (const { parentCode } of state.parents) if (parentCode) next.add(parentCode);
        for (const { counterpartCode } of state.pairings) next.add(counterpartCode);
      }
      wanted = [...next].filter((code) => !requested.has(code));
      wanted.forEach((code) => requested.add(code));
    }
    return states;
  }

  /** A lookup over the units reachable from `codes` (see {@link unitStatesAround}), for the rules in unit-directory. */
  async unitLookup(codes: readonly string[]): Promise<UnitLookup> {
    const states = await this.unitStatesAround(codes);
    return (code) => states.get(code);
  }

  /** Codes of the units directly under `code` on `day`. */
  async childrenOn(code: string, day: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(UnitRow, { select: { code: true, state: true } });
    return rows.filter((row) => parentOn(row.state as UnitState, day) === code).map((row) => row.code);
  }

  /** Units whose holders had a portfolio covering this unit at any time. */
  async portfolioHolderUnits(coveredUnitCode: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(PortfolioRow, { where: { coveredUnitCode }, select: { holderUnitCode: true } });
    return [...new Set(rows.map((row) => row.holderUnitCode))];
  }

  /**
   * The unit tree as it stood on a day, whole or below one unit. With `within`, only those units:
   * one whose parent is left out becomes a root.
   */
  async tree(day: string, rootCode?: string, within: ReadonlySet<string> | 'every' = 'every'): Promise<TreeNode[]> {
    const units = await this.unitStates();
    const nodes = new Map<string, TreeNode>();
    const parents = new Map<string, string | null>();
    for (const [code, state] of units) {
      if (state.status === 'absent' || !existsOn(state, day)) continue;
      if (within !== 'every' && !within.has(code)) continue;
      nodes.set(code, { code, name: nameOn(state, day)!, kind: state.kind, level: state.level, children: [] });
      parents.set(code, parentOn(state, day) ?? null);
    }
    const roots: TreeNode[] = [];
    for (const [code, node] of nodes) {
      const parent = parents.get(code);
      const parentNode = parent ? nodes.get(parent) : undefined;
      if (parentNode) parentNode.children.push(node);
      else roots.push(node);
    }
    const byCode = (a: TreeNode, b: TreeNode) => a.code.localeCompare(b.code);
    const sort = (list: TreeNode[]) => {
      list.sort(byCode);
      list.forEach((node) => sort(node.children));
    };
    sort(roots);
    if (rootCode === undefined) return roots;
    const root = nodes.get(rootCode);
    return root ? [root] : [];
  }

  /** Units by part of the name or the start of the code; with `within`, only those units. */
  async searchUnits(text: string, within: ReadonlySet<string> | 'every' = 'every', limit = 50): Promise<UnitRow[]> {
    if (within !== 'every' && within.size === 0) return [];
    const codeStarts = ILike(`${escapeLike(text)}%`);
    const where =
      within === 'every'
        ? [{ name: ILike(`%${escapeLike(text)}%`) }, { code: codeStarts }]
        : [{ name: ILike(`%${escapeLike(text)}%`), code: In([...within]) }, { code: And(codeStarts, In([...within])) }];
    return this.dataSource.manager.find(UnitRow, {
      where,
      order: { code: 'ASC' },
      take: limit,
    });
  }

  async person(staffNumber: string): Promise<PersonRow | null> {
    return this.dataSource.manager.findOneBy(PersonRow, { staffNumber });
  }

  async personState(staffNumber: string): Promise<PersonState | undefined> {
    return (await this.person(staffNumber))?.state;
  }

  /** The name each of these people bore on `day`, by staff number (people unknown to the registry are left out). */
  async namesOn(staffNumbers: readonly string[], day: string): Promise<Map<string, string>> {
    if (staffNumbers.length === 0) return new Map();
    const rows: { staff_number: string; names: PersonName[] }[] = await this.dataSource.query(
      `SELECT staff_number, state -> 'names' AS names FROM reg_people WHERE staff_number = ANY($1::text[])`,
      [[...new Set(staffNumbers)]],
    );
    return new Map(rows.map((row) => [row.staff_number, personNameOn(row, day)]));
  }

  async searchPeople(text: string, limit = 50): Promise<PersonRow[]> {
    return this.dataSource.manager.find(PersonRow, {
      where: [{ name: ILike(`%${escapeLike(text)}%`) }, { staffNumber: ILike(`${escapeLike(text)}%`) }],
      order: { staffNumber: 'ASC' },
      take: limit,
    });
  }

  async appointmentsOf(staffNumber: string): Promise<AppointmentRow[]> {
    return this.dataSource.manager.find(AppointmentRow, { where: { staffNumber }, order: { effectiveFrom: 'ASC' } });
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
