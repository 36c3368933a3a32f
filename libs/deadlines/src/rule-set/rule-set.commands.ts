import type { Command } from '@app/domain';
import type { DeadlineRule, DeadlineUnit } from '../deadline-rule';
import type { Jurisdiction } from '../jurisdiction';

/** The terms of one version of a rule, as a command states them. */
export interface RuleTerms {
  readonly jurisdiction: Jurisdiction;
  readonly name: string;
  readonly parameter: number;
  readonly unit: DeadlineUnit;
  readonly legalBasis: string;
  /** First day in force; never before the day the command is decided. */
  readonly effectiveFrom: string;
  /**
   * The versions of this rule at the enclosing jurisdictions (nation, province, city), read by
   * the handler from the rule book: the new version may only be stricter than each of them.
   */
  readonly higher: readonly DeadlineRule[];
}

export type DefineDeadlineRule = Command<'DefineDeadlineRule', RuleTerms>;

/** Replaces the terms of a rule from a day on; the version before it keeps its past days. */
export type AmendDeadlineRule = Command<'AmendDeadlineRule', RuleTerms>;

/** Takes a rule out of force from a day on; the enclosing jurisdictions' rule applies again. */
export type RetireDeadlineRule = Command<
  'RetireDeadlineRule',
  { readonly jurisdiction: Jurisdiction; readonly name: string; readonly retiredFrom: string; readonly reason: string }
>;

export type RuleSetCommand = DefineDeadlineRule | AmendDeadlineRule | RetireDeadlineRule;
