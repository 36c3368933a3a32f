import { deciderSpec, testMetadata } from '@app/domain/testing';
import { NATIONAL } from '../jurisdiction';
import { RuleBook } from '../rule-book';
import { DISTRICT_CHAIN, HENAN, JINSHUI, ruleOf } from '../test-rules';
import type { AmendDeadlineRule, DefineDeadlineRule, RetireDeadlineRule, RuleTerms } from './rule-set.commands';
import { rulesOf, ruleSetDecider } from './rule-set.decider';
import type { DeadlineRuleAmended, DeadlineRuleDefined, DeadlineRuleRetired, RuleVersionData } from './rule-set.events';

// Decided on 2024-06-01 (China Standard Time).
const metadata = testMetadata({ now: new Date('2024-06-01T02:00:00Z') });
const higher = [ruleOf({ parameter: 10, jurisdiction: NATIONAL }), ruleOf({ parameter: 9, jurisdiction: HENAN })];

const terms = (overrides: Partial<RuleTerms> = {}): RuleTerms => ({
  jurisdiction: JINSHUI,
  name: 'meeting_filing.due',
  parameter: 7,
  unit: 'calendar_days',
  legalBasis: '区委实施意见第10条：民主生活会召开一周内报送',
  effectiveFrom: '2024-06-01',
  higher,
  ...overrides,
});
const define = (overrides: Partial<RuleTerms> = {}): DefineDeadlineRule => ({
  type: 'DefineDeadlineRule',
  data: terms(overrides),
  metadata,
});
const amend = (overrides: Partial<RuleTerms> = {}): AmendDeadlineRule => ({ type: 'AmendDeadlineRule', data: terms(overrides), metadata });
const retire = (retiredFrom: string, reason = '并入市级规则'): RetireDeadlineRule => ({
  type: 'RetireDeadlineRule',
  data: { jurisdiction: JINSHUI, name: 'meeting_filing.due', retiredFrom, reason },
  metadata,
});

const version = (overrides: Partial<RuleVersionData> = {}): RuleVersionData => {
  const { higher: _higher, ...data } = terms();
  return { ...data, ...overrides };
};
const defined = (overrides: Partial<RuleVersionData> = {}): DeadlineRuleDefined => ({
  type: 'DeadlineRuleDefined',
  data: version(overrides),
});
const amended = (previousEffectiveFrom: string, overrides: Partial<RuleVersionData>): DeadlineRuleAmended => ({
  type: 'DeadlineRuleAmended',
  data: { ...version(overrides), previousEffectiveFrom },
});
const retired = (retiredFrom: string): DeadlineRuleRetired => ({
  type: 'DeadlineRuleRetired',
  data: { jurisdiction: JINSHUI, name: 'meeting_filing.due', retiredFrom, reason: '并入市级规则' },
});

const spec = deciderSpec(ruleSetDecider);

describe('defining a rule', () => {
  it('records the rule as an event', () => {
    spec.given([]).when(define()).then([defined()]);
  });

  it('is refused when laxer than a rule of an enclosing jurisdiction', () => {
    spec
      .given([])
      .when(define({ parameter: 10 }))
      .thenThrows('RULE.LAXER_THAN_HIGHER', 'conflict');
  });

  it('is refused when it would take effect before today', () => {
    spec
      .given([])
      .when(define({ effectiveFrom: '2024-05-31' }))
      .thenThrows('RULE.RETROACTIVE');
  });

  it('is refused twice for the same name; amend or retire instead', () => {
    spec
      .given([defined()])
      .when(define({ effectiveFrom: '2024-07-01' }))
      .thenThrows('RULE.ALREADY_DEFINED', 'conflict');
  });

  it('is allowed again after the rule was retired', () => {
    spec
      .given([defined({ effectiveFrom: '2020-01-01' }), retired('2021-01-01')])
      .when(define())
      .then([defined()]);
  });

  it('is refused for another jurisdiction than the stream belongs to', () => {
    spec
      .given([defined()])
      .when(define({ name: 'dual_report.due', jurisdiction: { level: 'district', code: '410102' }, higher: [] }))
      .thenThrows('RULE.WRONG_JURISDICTION');
  });

  it('is refused when the given higher rules are not of enclosing jurisdictions', () => {
    spec
      .given([])
      .when(define({ higher: [ruleOf({ jurisdiction: { level: 'district', code: '410102' } })] }))
      .thenThrows('RULE.INVALID_HIGHER');
  });

  it('is refused with a malformed rule', () => {
    spec
      .given([])
      .when(define({ legalBasis: '' }))
      .thenThrows('RULE.MISSING_LEGAL_BASIS');
    spec
      .given([])
      .when(define({ unit: 'fortnights' as never }))
      .thenThrows('RULE.INVALID_UNIT');
  });
});

describe('amending a rule takes effect from a day and never rewrites the past', () => {
  const history = [defined({ effectiveFrom: '2020-01-01' })];

  it('closes the current version the day before and opens the new one', () => {
    const state = spec
      .given(history)
      .when(amend({ parameter: 5, effectiveFrom: '2024-07-01' }))
      .then([amended('2020-01-01', { parameter: 5, effectiveFrom: '2024-07-01' })]);
    const book = new RuleBook([...higher, ...rulesOf(state)]);
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2024-06-30').parameter).toBe(7);
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2024-07-01').parameter).toBe(5);
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2021-03-01').parameter).toBe(7);
  });

  it('is refused when it would take effect before today', () => {
    spec
      .given(history)
      .when(amend({ parameter: 5, effectiveFrom: '2024-01-01' }))
      .thenThrows('RULE.RETROACTIVE');
  });

  it('is refused when laxer than the higher rules', () => {
    spec
      .given(history)
      .when(amend({ parameter: 12, effectiveFrom: '2024-07-01' }))
      .thenThrows('RULE.LAXER_THAN_HIGHER');
  });

  it('cannot replace a version scheduled for a later day', () => {
    spec
      .given([defined({ effectiveFrom: '2024-09-01' })])
      .when(amend({ parameter: 5, effectiveFrom: '2024-08-01' }))
      .thenThrows('RULE.AMENDMENT_NOT_AFTER_CURRENT', 'conflict');
  });

  it('changes nothing when the terms are the same', () => {
    spec
      .given(history)
      .when(amend({ effectiveFrom: '2024-07-01' }))
      .thenNothing();
  });

  it('is refused for a rule never defined here, or retired', () => {
    spec.given([]).when(amend()).thenThrows('RULE.NOT_DEFINED', 'not_found');
    spec
      .given([...history, retired('2024-01-01')])
      .when(amend())
      .thenThrows('RULE.RETIRED', 'conflict');
  });
});

describe('retiring a rule', () => {
  const history = [defined({ effectiveFrom: '2020-01-01' })];

  it('ends its last version the day before, so the higher rule applies again', () => {
    const state = spec
      .given(history)
      .when(retire('2024-07-01'))
      .then([retired('2024-07-01')]);
    const book = new RuleBook([...higher, ...rulesOf(state)]);
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2024-06-30').parameter).toBe(7);
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2024-07-01').parameter).toBe(9);
  });

  it('needs a reason and a day not in the past', () => {
    spec.given(history).when(retire('2024-07-01', ' ')).thenThrows('RULE.MISSING_REASON');
    spec.given(history).when(retire('2024-05-01')).thenThrows('RULE.RETROACTIVE');
    spec.given(history).when(retire('2024-13-01')).thenThrows('DATE.INVALID');
  });

  it('is refused before the current version takes effect and for a rule never defined', () => {
    spec
      .given([defined({ effectiveFrom: '2024-09-01' })])
      .when(retire('2024-08-01'))
      .thenThrows('RULE.RETIREMENT_NOT_AFTER_CURRENT');
    spec.given([]).when(retire('2024-07-01')).thenThrows('RULE.NOT_DEFINED');
  });
});
