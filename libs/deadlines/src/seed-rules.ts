import type { DeadlineRule } from './deadline-rule';
import { NATIONAL, requireJurisdiction, type Jurisdiction } from './jurisdiction';
import { LATE_ENTRY_RULE_NAME } from './obligation-status';
import { RuleBook } from './rule-book';

/** Stable names of the seeded rules. */
export const RULE_NAMES = {
  dualReport: 'dual_report.due',
  meetingFiling: 'meeting_filing.due',
  dutyReport: 'duty_report.period',
  integrityTalk: 'integrity_talk.period',
  accountabilityReturn: 'accountability_return.period',
  typicalCaseBulletin: 'typical_case_bulletin.period',
  lateEntry: LATE_ENTRY_RULE_NAME,
  petitionForward: 'petition.forward_to_higher',
  reporterAcceptanceNotice: 'reporter.acceptance_notice',
  reporterResultNotice: 'reporter.result_notice',
  letterInquiryReply: 'letter_inquiry.reply',
  clueDisposal: 'clue.disposal_decision',
  rectificationReport: 'rectification.report',
} as const;

const INSPECTION_RULES =
  '《纪检监察机关处理检举控告工作规则》（2020年1月2日中共中央政治局常委会会议审议批准，2020年1月21日中共中央办公厅发布）';
const UNVERIFIED = '（平台默认值：常用规则，条文出处及施行日期待核实后再作为依据）';

/**
 * National defaults for case handling and tours. The texts of the petition and tour rules were
 * checked against reprints of the regulations; the letter-inquiry and clue rules are the commonly
 * cited defaults from DOMAIN.md whose article has not been checked here, and say so in their basis.
 */
export const NATIONAL_DEFAULT_RULES: readonly DeadlineRule[] = [
  {
    name: RULE_NAMES.petitionForward,
    parameter: 5,
    unit: 'working_days',
    legalBasis: `${INSPECTION_RULES}第十五条：纪检监察机关信访举报部门收到属于上级纪检监察机关受理的检举控告，应当径送本机关主要负责人，并在收到之日起5个工作日内报送上一级纪检监察机关信访举报部门；收到反映本机关主要负责人问题的检举控告，应当径送上一级纪检监察机关信访举报部门。`,
    jurisdiction: NATIONAL,
    effectiveFrom: '2020-01-21',
  },
  {
    name: RULE_NAMES.reporterAcceptanceNotice,
    parameter: 15,
    unit: 'working_days',
    legalBasis: `${INSPECTION_RULES}：信访举报部门对属于本机关受理的实名检举控告，应当在收到检举控告之日起15个工作日内告知实名检举控告人受理情况。`,
    jurisdiction: NATIONAL,
    effectiveFrom: '2020-01-21',
  },
  {
    name: RULE_NAMES.reporterResultNotice,
    parameter: 15,
    unit: 'working_days',
    legalBasis: `${INSPECTION_RULES}：承办的监督检查、审查调查部门应当将实名检举控告的处理结果在办结之日起15个工作日内向检举控告人反馈，并记录反馈情况。`,
    jurisdiction: NATIONAL,
    effectiveFrom: '2020-01-21',
  },
  {
    name: RULE_NAMES.letterInquiryReply,
    parameter: 15,
    unit: 'working_days',
    legalBasis: `《中国共产党纪律检查机关监督执纪工作规则》：被函询人应当在收到函件后15个工作日内写出说明材料，由其所在党委（党组）主要负责人签署意见后发函回复。${UNVERIFIED}`,
    jurisdiction: NATIONAL,
    effectiveFrom: '2014-01-01',
  },
  {
    name: RULE_NAMES.clueDisposal,
    parameter: 1,
    unit: 'months',
    legalBasis: `问题线索应当在收到之日起1个月内提出处置意见（谈话函询、初步核实、暂存待查、予以了结）。${UNVERIFIED}`,
    jurisdiction: NATIONAL,
    effectiveFrom: '2014-01-01',
  },
  {
    name: RULE_NAMES.rectificationReport,
    parameter: 2,
    unit: 'months',
    legalBasis:
      '《中国共产党巡视工作条例》（2015年8月3日中共中央发布）第二十七条：被巡视党组织收到巡视组反馈意见后，应当认真整改落实，并于2个月内将整改情况报告和主要负责人组织落实情况报告，报送巡视工作领导小组办公室。（2024年修订后条文序号待核实）',
    jurisdiction: NATIONAL,
    effectiveFrom: '2015-08-03',
  },
];

const SEED_OPINION = '区委《关于落实党风廉政建设党委主体责任和纪委监督责任的实施意见》（2014）';

/**
 * The district rule set of the seed document (a Zhengzhou district, 2014), for the district
 * given. Periodic obligations are `months` rules whose periods run from 1 January (see
 * periodContaining); the due day of such an obligation is its period's last day.
 */
export function districtSeedRules(district: Jurisdiction): readonly DeadlineRule[] {
  requireJurisdiction(district, 'district');
  const rule = (name: string, parameter: number, unit: DeadlineRule['unit'], legalBasis: string): DeadlineRule => ({
    name,
    parameter,
    unit,
    legalBasis,
    jurisdiction: district,
    effectiveFrom: '2014-01-01',
  });
  return [
    rule(
      RULE_NAMES.dualReport,
      131,
      'fixed_day_of_year',
      `${SEED_OPINION}第8条：各级党委（党组）主要负责人每年年初要以书面形式，分别向上一级党委（党组）和纪委报告上年度履行党风廉政建设主体责任情况。各级纪委（纪检组）每年年初要以书面形式，向同级党委（党组）和上级纪委报告履行监督责任情况。（“年初”按1月31日前执行）`,
    ),
    rule(
      RULE_NAMES.meetingFiling,
      7,
      'calendar_days',
      `${SEED_OPINION}第10条：各级党委（党组）在民主生活会召开一周内将会议基本情况、会议记录、解决的问题、整改措施等报上级纪委及纪委参会人员。`,
    ),
    rule(RULE_NAMES.dutyReport, 12, 'months', `${SEED_OPINION}第11条：原则上党委（党组）主要负责人在任期内每年述责述廉不少于1次。`),
    rule(
      RULE_NAMES.integrityTalk,
      12,
      'months',
      `${SEED_OPINION}第12条：党委（党组）主要负责人与领导班子成员、下级党政主要负责人、分管联系部门主要负责人，原则上每年廉政谈话不少于1次。`,
    ),
    rule(
      RULE_NAMES.accountabilityReturn,
      3,
      'months',
      `${SEED_OPINION}第15条：建立责任追究案件季度报告制度……各地区各部门各单位应在每季度末，将责任追究季报表及典型案例报上级纪委。`,
    ),
    rule(
      RULE_NAMES.typicalCaseBulletin,
      2,
      'months',
      `${SEED_OPINION}第15条：建立……典型案件双月通报曝光制度，对情节严重、性质恶劣、社会影响大的案件及时通报曝光。`,
    ),
    rule(
      RULE_NAMES.lateEntry,
      0,
      'calendar_days',
      '平台规则：义务到期后未录入的，逾期录入一律锁定，须经督办解锁（DOMAIN.md：逾期录入锁定）。参数为到期后仍可补录并标记逾期的天数。',
    ),
  ];
}

/** The national defaults and the seed district's rules, in one book. */
export function seedRuleBook(district: Jurisdiction): RuleBook {
  return [...NATIONAL_DEFAULT_RULES, ...districtSeedRules(district)].reduce((book, rule) => book.define(rule), new RuleBook());
}
