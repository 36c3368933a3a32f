import { addCalendarDays, addMonths } from '@app/deadlines';
import { DomainError } from '@app/domain';
import type { DecisionTaken } from '../accountability/accountability.decider';
import { CADRE_MEASURES, ORGANISATION_MEASURES, type FourForm } from '../accountability/sanction-table';

/** The figures of a quarterly accountability return, compiled from the events' read models. */
export interface ReturnFigures {
  readonly cases: { readonly opened: number; readonly concluded: number };
  readonly decisions: {
    readonly total: number;
    readonly organisations: number;
    readonly cadres: number;
    /** Per measure, organisations and cadres apart: `organisation.inspection`, `cadre.admonishment`, … */
    readonly byMeasure: Readonly<Record<string, number>>;
  };
  /** Sanctions taking effect in the quarter, per `party.<type>` / `administrative.<type>`. */
  readonly sanctions: { readonly total: number; readonly byType: Readonly<Record<string, number>> };
  /** Cadres held to account in the quarter, by the four forms (四种形态) their decision counts in. */
  readonly forms: { readonly first: number; readonly second: number; readonly third: number; readonly fourth: number };
  /** One case, two investigations: matters opened from reviews in the quarter and decided so far. */
  readonly matters: { readonly opened: number; readonly decided: number };
  readonly typicalCases: number;
}

export interface Quarter {
  readonly quarter: string;
  readonly year: number;
  readonly number: number;
  readonly from: string;
  readonly to: string;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** `2026-Q1` → its first and last day; 422 RETURN.INVALID_QUARTER otherwise. */
export function quarterOf(value: string): Quarter {
  const match = QUARTER.exec(value);
  if (!match) throw new DomainError('RETURN.INVALID_QUARTER', `${value} is not a quarter such as 2026-Q1`, 'invalid', { field: 'quarter' });
  const year = Number(match[1]);
  const number = Number(match[2]);
  const from = `${year}-${String((number - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { quarter: value, year, number, from, to: addCalendarDays(addMonths(from, 3), -1) };
}

export const quarterContaining = (day: string): string => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

const within = (day: string | null | undefined, quarter: Quarter): boolean =>
  day !== null && day !== undefined && day >= quarter.from && day <= quarter.to;

/** Pure: the quarter's figures from the commission's decisions and counts. */
export function compileFigures(
  quarter: Quarter,
  input: {
    readonly casesOpened: number;
    readonly casesConcluded: number;
    readonly decisions: readonly DecisionTaken[];
    readonly mattersOpened: number;
    readonly mattersDecided: number;
  },
): ReturnFigures {
  const inQuarter = input.decisions.filter((decision) => within(decision.decidedOn, quarter));
  const byMeasure: Record<string, number> = {};
  for (const measure of ORGANISATION_MEASURES) byMeasure[`organisation.${measure}`] = 0;
  for (const measure of CADRE_MEASURES) byMeasure[`cadre.${measure}`] = 0;
  const forms: Record<FourForm, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const decision of inQuarter) {
    for (const measure of decision.measures)
      byMeasure[`${decision.target.kind}.${measure}`] = (byMeasure[`${decision.target.kind}.${measure}`] ?? 0) + 1;
    if (decision.form !== null) forms[decision.form] += 1;
  }
  const byType: Record<string, number> = {};
  let sanctions = 0;
  for (const decision of input.decisions) {
    for (const sanction of decision.sanctions) {
      if (!within(sanction.effectiveOn, quarter)) continue;
      byType[`${sanction.kind}.${sanction.type}`] = (byType[`${sanction.kind}.${sanction.type}`] ?? 0) + 1;
      sanctions += 1;
    }
  }
  const organisations = inQuarter.filter((decision) => decision.target.kind === 'organisation').length;
  return {
    cases: { opened: input.casesOpened, concluded: input.casesConcluded },
    decisions: { total: inQuarter.length, organisations, cadres: inQuarter.length - organisations, byMeasure },
    sanctions: { total: sanctions, byType: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b))) },
    forms: { first: forms[1], second: forms[2], third: forms[3], fourth: forms[4] },
    matters: { opened: input.mattersOpened, decided: input.mattersDecided },
    typicalCases: inQuarter.filter((decision) => decision.typical).length,
  };
}
