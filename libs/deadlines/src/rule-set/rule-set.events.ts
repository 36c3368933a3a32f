import type { DomainEvent } from '@app/domain';
import type { DeadlineUnit } from '../deadline-rule';
import type { Jurisdiction } from '../jurisdiction';

export interface RuleVersionData {
  readonly jurisdiction: Jurisdiction;
  readonly name: string;
  readonly parameter: number;
  readonly unit: DeadlineUnit;
  readonly legalBasis: string;
  readonly effectiveFrom: string;
}

export type DeadlineRuleDefined = DomainEvent<'DeadlineRuleDefined', RuleVersionData>;

/** A new version from `effectiveFrom`; the previous version ends the day before. */
export type DeadlineRuleAmended = DomainEvent<'DeadlineRuleAmended', RuleVersionData & { readonly previousEffectiveFrom: string }>;

/** The rule is out of force from `retiredFrom`; its last version ends the day before. */
export type DeadlineRuleRetired = DomainEvent<
  'DeadlineRuleRetired',
  { readonly jurisdiction: Jurisdiction; readonly name: string; readonly retiredFrom: string; readonly reason: string }
>;

export type RuleSetEvent = DeadlineRuleDefined | DeadlineRuleAmended | DeadlineRuleRetired;

export const RULE_SET_EVENT_TYPES = [
  'DeadlineRuleDefined',
  'DeadlineRuleAmended',
  'DeadlineRuleRetired',
] as const satisfies readonly RuleSetEvent['type'][];
