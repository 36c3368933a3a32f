import { chinaDay, dayBefore, DomainError, requireDay, unreachable, type Decider } from '@app/domain';
import { requireDeadlineRule, requireNoLaxerThanHigher, requireRuleName, type DeadlineRule } from '../deadline-rule';
import { requireJurisdiction, sameJurisdiction, type Jurisdiction } from '../jurisdiction';
import type { RetireDeadlineRule, RuleSetCommand, RuleTerms } from './rule-set.commands';
import type { RuleSetEvent, RuleVersionData } from './rule-set.events';

/**
 * The deadline rules of one jurisdiction (one stream per jurisdiction). Changing a rule is itself
 * an event: a rule is defined, amended from a day on or retired from a day on — never before the
 * day of the decision, so no past deadline changes.
 */
export type RuleSetState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'open';
      readonly jurisdiction: Jurisdiction;
      /** Every version of every rule, oldest first per name. */
      readonly versions: readonly DeadlineRule[];
    };

const MAX_REASON_LENGTH = 500;

export const ruleSetDecider: Decider<RuleSetState, RuleSetCommand, RuleSetEvent> = {
  initialState: () => ({ status: 'empty' }),
  decide,
  evolve,
};

/** The versions to put into a RuleBook. */
export function rulesOf(state: RuleSetState): readonly DeadlineRule[] {
  return state.status === 'open' ? state.versions : [];
}

function decide(command: RuleSetCommand, state: RuleSetState): readonly RuleSetEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'DefineDeadlineRule':
      return defineRule(command.data, state, today);
    case 'AmendDeadlineRule':
      return amendRule(command.data, state, today);
    case 'RetireDeadlineRule':
      return retireRule(command.data, state, today);
    default:
      return unreachable(command);
  }
}

function defineRule(terms: RuleTerms, state: RuleSetState, today: string): readonly RuleSetEvent[] {
  const candidate = checkedVersion(terms, state, today);
  const latest = latestVersion(state, terms.name);
  if (latest && (latest.effectiveTo === undefined || latest.effectiveTo >= candidate.effectiveFrom)) {
    throw new DomainError(
      'RULE.ALREADY_DEFINED',
      `${terms.name} is already defined here (from ${latest.effectiveFrom}); amend or retire it instead`,
      'conflict',
    );
  }
  return [{ type: 'DeadlineRuleDefined', data: versionData(candidate) }];
}

function amendRule(terms: RuleTerms, state: RuleSetState, today: string): readonly RuleSetEvent[] {
  const candidate = checkedVersion(terms, state, today);
  const current = liveVersion(state, terms.name);
  if (candidate.effectiveFrom <= current.effectiveFrom) {
    throw new DomainError(
      'RULE.AMENDMENT_NOT_AFTER_CURRENT',
      `an amendment of ${terms.name} must take effect after its current version (from ${current.effectiveFrom})`,
      'conflict',
    );
  }
  if (candidate.parameter === current.parameter && candidate.unit === current.unit && candidate.legalBasis === current.legalBasis) {
    return [];
  }
  return [{ type: 'DeadlineRuleAmended', data: { ...versionData(candidate), previousEffectiveFrom: current.effectiveFrom } }];
}

function retireRule(data: RetireDeadlineRule['data'], state: RuleSetState, today: string): readonly RuleSetEvent[] {
  requireJurisdiction(data.jurisdiction);
  requireRuleName(data.name);
  requireDay(data.retiredFrom, 'retiredFrom');
  requireSameJurisdiction(state, data.jurisdiction);
  requireNotRetroactive(data.retiredFrom, today);
  if (typeof data.reason !== 'string' || data.reason.trim() === '' || data.reason.length > MAX_REASON_LENGTH) {
    throw new DomainError('RULE.MISSING_REASON', `retiring a rule needs a reason of at most ${MAX_REASON_LENGTH} characters`);
  }
  const current = liveVersion(state, data.name);
  if (data.retiredFrom <= current.effectiveFrom) {
    throw new DomainError(
      'RULE.RETIREMENT_NOT_AFTER_CURRENT',
      `${data.name} can be retired only after its current version takes effect (${current.effectiveFrom})`,
      'conflict',
    );
  }
  return [
    {
      type: 'DeadlineRuleRetired',
      data: { jurisdiction: data.jurisdiction, name: data.name, retiredFrom: data.retiredFrom, reason: data.reason },
    },
  ];
}

function checkedVersion(terms: RuleTerms, state: RuleSetState, today: string): DeadlineRule {
  const candidate: DeadlineRule = {
    name: terms.name,
    parameter: terms.parameter,
    unit: terms.unit,
    legalBasis: terms.legalBasis,
    jurisdiction: terms.jurisdiction,
    effectiveFrom: terms.effectiveFrom,
  };
  requireDeadlineRule(candidate);
  requireSameJurisdiction(state, terms.jurisdiction);
  requireNotRetroactive(terms.effectiveFrom, today);
  requireNoLaxerThanHigher(candidate, terms.higher);
  return candidate;
}

function requireSameJurisdiction(state: RuleSetState, jurisdiction: Jurisdiction): void {
  if (state.status === 'open' && !sameJurisdiction(state.jurisdiction, jurisdiction)) {
    throw new DomainError(
      'RULE.WRONG_JURISDICTION',
      `this rule set belongs to ${state.jurisdiction.level} ${state.jurisdiction.code}, not ${jurisdiction.level} ${jurisdiction.code}`,
    );
  }
}

function requireNotRetroactive(day: string, today: string): void {
  if (day < today) {
    throw new DomainError(
      'RULE.RETROACTIVE',
      `a rule change takes effect today (${today}) or later, not on ${day}: the past is not rewritten`,
    );
  }
}

function latestVersion(state: RuleSetState, name: string): DeadlineRule | undefined {
  return rulesOf(state)
    .filter((version) => version.name === name)
    .at(-1);
}

/** The latest version of a rule that is not retired. */
function liveVersion(state: RuleSetState, name: string): DeadlineRule {
  const latest = latestVersion(state, name);
  if (!latest) throw new DomainError('RULE.NOT_DEFINED', `${name} is not defined here`, 'not_found');
  if (latest.effectiveTo !== undefined) {
    throw new DomainError('RULE.RETIRED', `${name} was retired (last in force ${latest.effectiveTo}); define it anew`, 'conflict');
  }
  return latest;
}

function versionData(rule: DeadlineRule): RuleVersionData {
  return {
    jurisdiction: rule.jurisdiction,
    name: rule.name,
    parameter: rule.parameter,
    unit: rule.unit,
    legalBasis: rule.legalBasis,
    effectiveFrom: rule.effectiveFrom,
  };
}

function evolve(state: RuleSetState, event: RuleSetEvent): RuleSetState {
  const versions = rulesOf(state);
  switch (event.type) {
    case 'DeadlineRuleDefined':
      return { status: 'open', jurisdiction: event.data.jurisdiction, versions: [...versions, versionOf(event.data)] };
    case 'DeadlineRuleAmended':
      return {
        status: 'open',
        jurisdiction: event.data.jurisdiction,
        versions: [...endLatest(versions, event.data.name, event.data.effectiveFrom), versionOf(event.data)],
      };
    case 'DeadlineRuleRetired':
      return {
        status: 'open',
        jurisdiction: event.data.jurisdiction,
        versions: endLatest(versions, event.data.name, event.data.retiredFrom),
      };
    default:
      return unreachable(event);
  }
}

function versionOf(data: RuleVersionData): DeadlineRule {
  const { jurisdiction, name, parameter, unit, legalBasis, effectiveFrom } = data;
  return { jurisdiction, name, parameter, unit, legalBasis, effectiveFrom };
}

/** Ends the latest version of `name` the day before `from`. */
function endLatest(versions: readonly DeadlineRule[], name: string, from: string): readonly DeadlineRule[] {
  const index = versions.findLastIndex((version) => version.name === name);
  return versions.map((version, i) => (i === index ? { ...version, effectiveTo: dayBefore(from) } : version));
}
