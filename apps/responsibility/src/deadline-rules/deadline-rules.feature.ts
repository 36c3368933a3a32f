import { ruleSetDecider } from '@app/deadlines';
import type { ServiceFeature } from '@app/kit';
import { DeadlineRuleBooks } from './deadline-rule-books';
import { DeadlineRulesController } from './deadline-rules.controller';
import { ListDeadlineRulesHandler, RetireDeadlineRuleHandler, SetDeadlineRuleHandler } from './deadline-rules.handlers';
import { RULE_SETS_PROJECTION, RuleSets1764900001000 } from './rule-sets.read-model';
import { RuleSetAggregate } from './rule-set.aggregate';

/** Deadline rules per jurisdiction: the seed overlaid with recorded changes; every feature resolves its due days here. */
export const DEADLINE_RULES_FEATURE: ServiceFeature = {
  controllers: [DeadlineRulesController],
  providers: [RuleSetAggregate, DeadlineRuleBooks, SetDeadlineRuleHandler, RetireDeadlineRuleHandler, ListDeadlineRulesHandler],
  projections: [RULE_SETS_PROJECTION],
  migrations: [RuleSets1764900001000],
  streamFolders: { 'rule-set-': ruleSetDecider },
};
