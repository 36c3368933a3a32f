import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  districtSeedRules,
  LATE_ENTRY_RULE_NAME,
  lateEntryTreatment,
  WorkingDayCalendar,
  type LateEntryTreatment,
  NATIONAL_DEFAULT_RULES,
  RuleBook,
  rulesOf,
  sameJurisdiction,
  type DeadlineRule,
  type Jurisdiction,
  type RuleSetState,
} from '@app/deadlines';
import { dayBefore } from '@app/domain';
import { ruleSetStreamId } from './jurisdiction-chain';

/** A rule with where it comes from: the seed (code, reviewed with it) or a recorded change (an event). */
export interface SourcedRule extends DeadlineRule {
  readonly source: 'seed' | 'recorded';
}

/** The seed's rules at one jurisdiction: the national defaults, or the seed document's district rules. */
function seedRulesAt(jurisdiction: Jurisdiction): readonly DeadlineRule[] {
  if (jurisdiction.level === 'national') return NATIONAL_DEFAULT_RULES;
  if (jurisdiction.level === 'district') return districtSeedRules(jurisdiction);
  return [];
}

/**
 * A jurisdiction's rules: the seed's, until the first recorded version of the same rule takes
 * effect there (from then on only recorded versions count, so a retirement leaves the enclosing
 * jurisdictions' rule in force), and the recorded versions.
 */
export function overlaid(jurisdiction: Jurisdiction, recorded: readonly DeadlineRule[]): readonly SourcedRule[] {
  const seeded = seedRulesAt(jurisdiction).flatMap((rule): SourcedRule[] => {
    const first = recorded.find((version) => version.name === rule.name);
    if (!first) return [{ ...rule, source: 'seed' }];
    if (first.effectiveFrom <= rule.effectiveFrom) return [];
    const end = dayBefore(first.effectiveFrom);
    return [{ ...rule, effectiveTo: rule.effectiveTo !== undefined && rule.effectiveTo < end ? rule.effectiveTo : end, source: 'seed' }];
  });
  return [...seeded, ...recorded.map((rule): SourcedRule => ({ ...rule, source: 'recorded' }))];
}

/**
 * The deadline rules in force for a chain of jurisdictions, as of now: the seed overlaid with the
 * rule changes recorded in the service's log (read model `resp_rule_sets`, updated in the change's
 * own transaction, so the next command sees it).
 */
@Injectable()
export class DeadlineRuleBooks {
  constructor(private readonly dataSource: DataSource) {}

  async rulesAlong(chain: readonly Jurisdiction[]): Promise<readonly SourcedRule[]> {
    const rows = await this.dataSource.query<{ stream_id: string; state: RuleSetState }[]>(
      'SELECT stream_id, state FROM resp_rule_sets WHERE stream_id = ANY($1::text[])',
      [chain.map(ruleSetStreamId)],
    );
    return chain.flatMap((jurisdiction) => {
      const row = rows.find((candidate) => candidate.stream_id === ruleSetStreamId(jurisdiction));
      const recorded = row ? rulesOf(row.state).filter((rule) => sameJurisdiction(rule.jurisdiction, jurisdiction)) : [];
      return overlaid(jurisdiction, recorded);
    });
  }

  async bookFor(chain: readonly Jurisdiction[]): Promise<RuleBook> {
    return new RuleBook(await this.rulesAlong(chain));
  }

  /**
   * How an entry made on `entryDay` for something due on `dueDay` is taken under the
   * `late_entry.accept_within` rule in force for the chain on the due day: on time, accepted and
   * flagged within the grace it grants, or locked (the seed grants none: locked after the due day).
   */
  async lateEntryTreatment(chain: readonly Jurisdiction[], dueDay: string, entryDay: string): Promise<LateEntryTreatment> {
    const rule = (await this.bookFor(chain)).resolve(LATE_ENTRY_RULE_NAME, chain, dueDay);
    return lateEntryTreatment(rule, dueDay, entryDay, WorkingDayCalendar.china());
  }
}
