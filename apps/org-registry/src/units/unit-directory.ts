import { dayBefore, DomainError } from '@app/domain';
import type { UnitState } from './unit.decider';
import { existsOn, parentOn } from './unit.queries';

/**
 * Rules that span several units, written once over a lookup of folded units: the command handlers
 * read the lookup from the read models, the bulk import from the registry plus the file's earlier
 * rows. Pure; days are `YYYY-MM-DD`.
 */
export type UnitLookup = (code: string) => UnitState | undefined;

type PresentUnit = Exclude<UnitState, { status: 'absent' }>;

/** The unit must be there on `day`: known (404), registered by then (422) and not dissolved by then (409). */
export function requireLiveOn(lookup: UnitLookup, code: string, day: string, role: string): PresentUnit {
  const state = lookup(code);
  if (!state || state.status === 'absent') {
    throw new DomainError(`${role}_NOT_FOUND`, `No unit with code ${code}.`, 'not_found', { unitCode: code });
  }
  if (state.status === 'dissolved' && state.dissolvedFrom <= day) {
    throw new DomainError(`${role}_DISSOLVED`, `Unit ${code} was dissolved from ${state.dissolvedFrom}.`, 'conflict', { unitCode: code });
  }
  if (state.registeredFrom > day) {
    throw new DomainError(`${role}_NOT_YET_REGISTERED`, `Unit ${code} exists only from ${state.registeredFrom}.`, 'invalid', {
      unitCode: code,
    });
  }
  return state;
}

/** The unit's parent, grandparent, … up to the root, as they stood on `day` (the unit itself first). */
export function lineOn(lookup: UnitLookup, code: string, day: string): string[] {
  const line: string[] = [];
  for (let current: string | null | undefined = code; current && !line.includes(current) && line.length < 64;) {
    const state = lookup(current);
    if (!state || !existsOn(state, day)) break;
    line.push(current);
    current = parentOn(state, day);
  }
  return line;
}

/**
 * Every unit above `code` on any day from `day` on, following each parent as long as it held:
 * a unit moved under `code` from `day` must be none of them, or the tree gets a cycle then.
 */
export function ancestryFromDayOn(lookup: UnitLookup, code: string, day: string): string[] {
  const found = new Set<string>();
  const frontier = [code];
  while (frontier.length > 0) {
    const state = lookup(frontier.pop()!);
    if (!state || state.status === 'absent') continue;
    state.parents.forEach((entry, i) => {
      const next = state.parents[i + 1];
      const heldFromDayOn = next === undefined || next.from > day;
      if (heldFromDayOn && entry.parentCode && !found.has(entry.parentCode)) {
        found.add(entry.parentCode);
        frontier.push(entry.parentCode);
      }
    });
  }
  return [...found];
}

/**
 * The day a unit's place in the tree is read on: today while it exists, its last day when it has
 * been dissolved, its first day when it is registered from a later day. So a dissolved unit stays
 * readable to those who reach the unit it last stood under.
 */
function standingDay(state: Exclude<UnitState, { status: 'absent' }>, today: string): string {
  if (existsOn(state, today)) return today;
  if (state.status === 'dissolved' && state.dissolvedFrom <= today) return dayBefore(state.dissolvedFrom);
  return state.registeredFrom;
}

/** The unit and the units above it, each as it stands today (see {@link standingDay}). */
export function lineStandingToday(lookup: UnitLookup, code: string, today: string): { code: string; state: UnitState; day: string }[] {
  const line: { code: string; state: UnitState; day: string }[] = [];
  for (let current: string | null | undefined = code; current && !line.some((u) => u.code === current) && line.length < 64;) {
    const state = lookup(current);
    if (!state || state.status === 'absent') break;
    const day = standingDay(state, today);
    line.push({ code: current, state, day });
    current = parentOn(state, day);
  }
  return line;
}

/**
 * Authority over a unit is decided as of `today`: one of `actingFor` is the unit or a unit above it
 * as the tree stands today (a dissolved unit where it last stood, a unit registered from a later
 * day under its first parent). A move, dissolution or appointment recorded for a later day changes
 * nothing until then. The read rules place units the same way.
 */
export function hasAuthorityOver(lookup: UnitLookup, actingFor: readonly string[], code: string, today: string): boolean {
  return lineStandingToday(lookup, code, today).some((unit) => actingFor.includes(unit.code));
}

/**
 * A portfolio's units lie within its holder's unit: each covered unit is the holder's unit or
 * under it on the first day and on every later day its line changes (a recorded move).
 */
export function requireWithinRemit(lookup: UnitLookup, holderUnit: string, covered: readonly string[], from: string): void {
  for (const code of covered) {
    const state = lookup(code);
    const days = [from, ...(state && state.status !== 'absent' ? state.parents.map((p) => p.from).filter((d) => d > from) : [])];
    const outside = days.find((day) => !lineOn(lookup, code, day).includes(holderUnit));
    if (outside !== undefined) {
      throw new DomainError(
        'PORTFOLIO.OUTSIDE_REMIT',
        `Unit ${code} is not ${holderUnit} or under it on ${outside}: a portfolio covers units within its holder's unit.`,
        'invalid',
        { unitCode: code },
      );
    }
  }
}
