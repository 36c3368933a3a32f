import { addCalendarDays, dueDate, WorkingDayCalendar, type Jurisdiction, type RuleBook } from '@app/deadlines';

/** How many calendar days before its due day an obligation counts as due soon. */
export const DUE_SOON_WITHIN_DAYS = 7;

/** The due day and first due-soon day of an obligation under the named rule in force on `fromDay` for the chain. */
export function obligationDays(
  book: RuleBook,
  ruleName: string,
  chain: readonly Jurisdiction[],
  fromDay: string,
): { readonly dueOn: string; readonly warnFrom: string } {
  const rule = book.resolve(ruleName, chain, fromDay);
  const dueOn = dueDate(rule, fromDay, WorkingDayCalendar.china());
  return { dueOn, warnFrom: addCalendarDays(dueOn, -DUE_SOON_WITHIN_DAYS) };
}
