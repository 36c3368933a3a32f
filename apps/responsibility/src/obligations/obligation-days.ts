import {
  addCalendarDays,
  dueDate,
  NATIONAL,
  RuleBook,
  NATIONAL_DEFAULT_RULES,
  seedRuleBook,
  WorkingDayCalendar,
  type Jurisdiction,
} from '@app/deadlines';
import { DomainError } from '@app/domain';

/** How many calendar days before its due day an obligation counts as due soon. */
export const DUE_SOON_WITHIN_DAYS = 7;

/**
 * The jurisdictions enclosing a 6-digit division code, national first (GB/T 2260: PPCCDD; a
 * province ends in 0000, a city in 00).
 */
export function jurisdictionChain(divisionCode: string): readonly Jurisdiction[] {
  if (!/^[1-9]\d{5}$/.test(divisionCode)) {
    throw new DomainError('OBLIGATION.NO_JURISDICTION', `${divisionCode} is not a division code`, 'conflict');
  }
  const province: Jurisdiction = { level: 'province', code: `${divisionCode.slice(0, 2)}0000` };
  const city: Jurisdiction = { level: 'city', code: `${divisionCode.slice(0, 4)}00` };
  if (divisionCode.endsWith('0000')) return [NATIONAL, province];
  if (divisionCode.endsWith('00')) return [NATIONAL, province, city];
  return [NATIONAL, province, city, { level: 'district', code: divisionCode }];
}

/** The rule book along a chain: the seed district's rules for a district, the national defaults otherwise. */
function ruleBookFor(chain: readonly Jurisdiction[]): RuleBook {
  const local = chain[chain.length - 1];
  return local.level === 'district' ? seedRuleBook(local) : new RuleBook(NATIONAL_DEFAULT_RULES);
}

/** The due day and first due-soon day of an obligation under the named rule in force on `fromDay` for the chain. */
export function obligationDays(
  ruleName: string,
  chain: readonly Jurisdiction[],
  fromDay: string,
): { readonly dueOn: string; readonly warnFrom: string } {
  const rule = ruleBookFor(chain).resolve(ruleName, chain, fromDay);
  const dueOn = dueDate(rule, fromDay, WorkingDayCalendar.china());
  return { dueOn, warnFrom: addCalendarDays(dueOn, -DUE_SOON_WITHIN_DAYS) };
}
