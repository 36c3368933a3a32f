import { enclosingJurisdictions, NATIONAL, NATIONAL_DEFAULT_RULES, RuleBook, type DeadlineRule } from '@app/deadlines';

/** Names of the accountability and return rules (deadline rules as data, like the seed rules in @app/deadlines). */
export const ACCOUNTABILITY_RULE_NAMES = {
  formalities: 'accountability.formalities',
  appealWindow: 'accountability.appeal_window',
  returnSubmission: 'accountability_return.submission',
} as const;

const UNVERIFIED = '（平台默认值：条文出处及施行日期待核实后再作为依据）';

/**
 * National defaults for accountability. Formalities within a month is the rule; the appeal
 * window and the return's submission day are parameters the seed does not give (invented defaults,
 * marked so in their basis, to be replaced by the jurisdiction's own rule).
 */
export const ACCOUNTABILITY_RULES: readonly DeadlineRule[] = [
  {
    name: ACCOUNTABILITY_RULE_NAMES.formalities,
    parameter: 1,
    unit: 'months',
    legalBasis: `《中国共产党问责条例》：问责决定作出后，应当及时向问责对象宣布并督促执行；组织调整、组织处理和纪律处分的相关手续应当在1个月内办理完毕。${UNVERIFIED}`,
    jurisdiction: NATIONAL,
    effectiveFrom: '2014-01-01',
  },
  {
    name: ACCOUNTABILITY_RULE_NAMES.appealWindow,
    parameter: 1,
    unit: 'months',
    legalBasis: `《中国共产党问责条例》：问责对象对问责决定不服的，可以自收到问责决定书之日起1个月内，向作出问责决定的党组织提出书面申诉。（平台参数，种子文件未规定）${UNVERIFIED}`,
    jurisdiction: NATIONAL,
    effectiveFrom: '2014-01-01',
  },
  {
    name: ACCOUNTABILITY_RULE_NAMES.returnSubmission,
    parameter: 10,
    unit: 'calendar_days',
    legalBasis:
      '区委《关于落实党风廉政建设党委主体责任和纪委监督责任的实施意见》（2014）第15条：各地区各部门各单位应在每季度末，将责任追究季报表及典型案例报上级纪委。（“季度末”报送期限按季度结束后10日内执行：平台参数，种子文件未规定具体日数）',
    jurisdiction: NATIONAL,
    effectiveFrom: '2014-01-01',
  },
];

const BOOK = new RuleBook([...NATIONAL_DEFAULT_RULES, ...ACCOUNTABILITY_RULES]);

/** The rule in force that day for a unit of this division code. */
export function accountabilityRule(name: string, divisionCode: string, day: string): DeadlineRule {
  return BOOK.resolve(name, enclosingJurisdictions(divisionCode), day);
}
