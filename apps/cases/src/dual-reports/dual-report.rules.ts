import { NATIONAL, NATIONAL_DEFAULT_RULES, RuleBook, type DeadlineRule } from '@app/deadlines';

export const DUAL_REPORT_ACKNOWLEDGEMENT = 'dual_report.acknowledgement';

/**
 * How long a recipient of a dual report (§6(3)) has to acknowledge it. **Invented parameter**: the
 * seed says every clue disposal and case is reported to the same-level committee and the higher
 * commission, but sets no day for the acknowledgement; 10 working days is this platform's default
 * until a rule set defines a real one.
 */
export const DUAL_REPORT_ACKNOWLEDGEMENT_RULE: DeadlineRule = {
  name: DUAL_REPORT_ACKNOWLEDGEMENT,
  parameter: 10,
  unit: 'working_days',
  legalBasis:
    '区委实施意见（2014）第6条第3项：线索处置和案件查办在向同级党委报告的同时必须向上级纪委报告。签收期限10个工作日为平台自设参数（依据待定）。',
  jurisdiction: NATIONAL,
  effectiveFrom: '2014-01-01',
};

/** The national defaults and this one: the book the dual-report handler resolves rules from. */
export const DUAL_REPORT_RULES = new RuleBook([...NATIONAL_DEFAULT_RULES, DUAL_REPORT_ACKNOWLEDGEMENT_RULE]);
