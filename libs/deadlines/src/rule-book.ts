import { covers, DomainError, overlaps, requireDay } from '@app/domain';
import {
  periodOfRule,
  requireDeadlineRule,
  requireNoLaxerThanHigher,
  requireRuleName,
  strictness,
  type DeadlineRule,
} from './deadline-rule';
import { encloses, levelRank, requireChain, sameJurisdiction, type Jurisdiction } from './jurisdiction';

/**
 * The deadline rules of every jurisdiction, and which one is in force for a unit on a day.
 * Versions of one rule at one jurisdiction never overlap; a lower level may only be stricter.
 */
export class RuleBook {
  readonly rules: readonly DeadlineRule[];

  constructor(rules: readonly DeadlineRule[] = []) {
    rules.forEach(requireDeadlineRule);
    rules.forEach((rule, index) => {
      const clash = rules.find(
        (other, otherIndex) =>
          otherIndex < index &&
          other.name === rule.name &&
          sameJurisdiction(other.jurisdiction, rule.jurisdiction) &&
          overlaps(periodOfRule(other), periodOfRule(rule)),
      );
      if (clash) {
        throw new DomainError(
          'RULE.OVERLAPPING_VERSIONS',
          `${rule.name} at ${rule.jurisdiction.level} ${rule.jurisdiction.code} has two versions in force on the same days (from ${clash.effectiveFrom} and from ${rule.effectiveFrom})`,
          'conflict',
        );
      }
    });
    this.rules = rules;
  }

  /** A new book with `rule` added, refused when it is laxer than a rule of an enclosing jurisdiction. */
  define(rule: DeadlineRule): RuleBook {
    requireDeadlineRule(rule);
    requireNoLaxerThanHigher(rule, this.enclosingVersions(rule));
    return new RuleBook([...this.rules, rule]);
  }

  /** Every version of `rule.name` at the jurisdictions enclosing `rule.jurisdiction`. */
  enclosingVersions(rule: Pick<DeadlineRule, 'name' | 'jurisdiction'>): readonly DeadlineRule[] {
    return this.rules.filter((other) => other.name === rule.name && encloses(other.jurisdiction, rule.jurisdiction));
  }

  /**
   * The rule in force for `name` on `day` along `chain` (national → province → city → district):
   * the most local one — unless a higher level has since made its own rule stricter than it, in
   * which case the higher rule applies. `RULE.NOT_FOUND` when no level has the rule on that day.
   */
  resolve(name: string, chain: readonly Jurisdiction[], day: string): DeadlineRule {
    const inForce = this.inForce(name, chain, day);
    const applicable = inForce.filter((rule, index) => inForce.slice(0, index).every((higher) => strictness(rule, higher) === 'no_laxer'));
    const rule = applicable[applicable.length - 1];
    if (!rule) {
      const where = chain[chain.length - 1];
      throw new DomainError('RULE.NOT_FOUND', `no rule ${name} is in force on ${day} for ${where.level} ${where.code}`, 'not_found', {
        name,
        day,
      });
    }
    return rule;
  }

  /** The versions of `name` in force on `day` along `chain`, the nation's first. */
  inForce(name: string, chain: readonly Jurisdiction[], day: string): readonly DeadlineRule[] {
    requireRuleName(name);
    requireChain(chain);
    requireDay(day, 'day');
    return this.rules
      .filter(
        (rule) => rule.name === name && covers(periodOfRule(rule), day) && chain.some((link) => sameJurisdiction(link, rule.jurisdiction)),
      )
      .sort((a, b) => levelRank(a.jurisdiction.level) - levelRank(b.jurisdiction.level));
  }

  /**
   * Lower rules a higher level has since overtaken (made its own rule stricter on some of their
   * days): each is shadowed by `higher` there, so the lower jurisdiction should amend or retire it.
   */
  overtaken(): readonly { readonly rule: DeadlineRule; readonly higher: DeadlineRule }[] {
    return this.rules.flatMap((rule) =>
      this.enclosingVersions(rule)
        .filter((higher) => overlaps(periodOfRule(rule), periodOfRule(higher)) && strictness(rule, higher) !== 'no_laxer')
        .map((higher) => ({ rule, higher })),
    );
  }
}
