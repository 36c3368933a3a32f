import { NATIONAL } from './jurisdiction';
import { RuleBook } from './rule-book';
import { codeOf, DISTRICT_CHAIN, HENAN, JINSHUI, ruleOf, ZHENGZHOU } from './test-rules';

const national = ruleOf({ parameter: 10, jurisdiction: NATIONAL });

describe('resolving the rule in force', () => {
  it('applies the most local rule in force on the day', () => {
    const book = new RuleBook()
      .define(national)
      .define(ruleOf({ parameter: 9, jurisdiction: HENAN }))
      .define(ruleOf({ parameter: 7, jurisdiction: JINSHUI, effectiveFrom: '2020-01-01' }));
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2021-05-01').parameter).toBe(7);
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2019-05-01').parameter).toBe(9);
    expect(book.resolve('meeting_filing.due', [NATIONAL, HENAN, ZHENGZHOU], '2021-05-01').parameter).toBe(9);
    expect(book.resolve('meeting_filing.due', [NATIONAL], '2021-05-01').parameter).toBe(10);
  });

  it('ignores rules of other divisions at the same level', () => {
    const book = new RuleBook().define(national).define(ruleOf({ parameter: 3, jurisdiction: { level: 'district', code: '410102' } }));
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2021-05-01').parameter).toBe(10);
  });

  it('answers RULE.NOT_FOUND when no level has the rule on that day', () => {
    const book = new RuleBook().define(ruleOf({ jurisdiction: NATIONAL, effectiveFrom: '2020-01-21' }));
    expect(codeOf(() => book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2020-01-20'))).toBe('RULE.NOT_FOUND');
    expect(codeOf(() => book.resolve('dual_report.due', DISTRICT_CHAIN, '2021-01-20'))).toBe('RULE.NOT_FOUND');
  });

  it('refuses a chain that does not run from the nation down through enclosing divisions', () => {
    const book = new RuleBook().define(national);
    expect(codeOf(() => book.resolve('meeting_filing.due', [HENAN, ZHENGZHOU], '2021-05-01'))).toBe('RULE.INVALID_CHAIN');
    expect(codeOf(() => book.resolve('meeting_filing.due', [NATIONAL, ZHENGZHOU, HENAN], '2021-05-01'))).toBe('RULE.INVALID_CHAIN');
    expect(
      codeOf(() => book.resolve('meeting_filing.due', [NATIONAL, { level: 'province', code: '420000' }, ZHENGZHOU], '2021-05-01')),
    ).toBe('RULE.INVALID_CHAIN');
    expect(codeOf(() => book.resolve('meeting_filing.due', [NATIONAL, HENAN], '2021-02-30'))).toBe('DATE.INVALID');
  });
});

describe('a lower level may only be stricter', () => {
  it('refuses a lower rule with a longer period', () => {
    const book = new RuleBook().define(national);
    expect(codeOf(() => book.define(ruleOf({ parameter: 11, jurisdiction: JINSHUI })))).toBe('RULE.LAXER_THAN_HIGHER');
    expect(codeOf(() => book.define(ruleOf({ parameter: 10, jurisdiction: JINSHUI })))).toBeUndefined();
  });

  it('refuses a later fixed day of the year below an earlier one', () => {
    const book = new RuleBook().define(ruleOf({ name: 'dual_report.due', unit: 'fixed_day_of_year', parameter: 131 }));
    expect(
      codeOf(() => book.define(ruleOf({ name: 'dual_report.due', unit: 'fixed_day_of_year', parameter: 215, jurisdiction: HENAN }))),
    ).toBe('RULE.LAXER_THAN_HIGHER');
  });

  it('checks a lower rule against every enclosing level, not only the nearest', () => {
    const book = new RuleBook().define(ruleOf({ parameter: 5, jurisdiction: HENAN })).define(ruleOf({ parameter: 10 }));
    expect(codeOf(() => book.define(ruleOf({ parameter: 6, jurisdiction: JINSHUI })))).toBe('RULE.LAXER_THAN_HIGHER');
  });

  it('checks only against higher versions in force on the same days', () => {
    const book = new RuleBook()
      .define(ruleOf({ parameter: 5, effectiveTo: '2019-12-31' }))
      .define(ruleOf({ parameter: 10, effectiveFrom: '2020-01-01' }));
    expect(codeOf(() => book.define(ruleOf({ parameter: 8, jurisdiction: JINSHUI, effectiveFrom: '2020-01-01' })))).toBeUndefined();
    expect(codeOf(() => book.define(ruleOf({ parameter: 8, jurisdiction: JINSHUI, effectiveFrom: '2019-06-01' })))).toBe(
      'RULE.LAXER_THAN_HIGHER',
    );
  });

  it('refuses a lower rule whose unit cannot be shown stricter', () => {
    const book = new RuleBook().define(ruleOf({ parameter: 7 }));
    expect(codeOf(() => book.define(ruleOf({ parameter: 3, unit: 'working_days', jurisdiction: JINSHUI })))).toBe('RULE.NOT_COMPARABLE');
  });

  it('lets a higher rule tightened later override the lower one, and reports it as overtaken', () => {
    const district = ruleOf({ parameter: 7, jurisdiction: JINSHUI });
    const tightened = ruleOf({ parameter: 5, effectiveFrom: '2025-01-01' });
    const book = new RuleBook([ruleOf({ parameter: 10, effectiveTo: '2024-12-31' }), district, tightened]);
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2024-12-31').parameter).toBe(7);
    expect(book.resolve('meeting_filing.due', DISTRICT_CHAIN, '2025-01-01')).toEqual(tightened);
    expect(book.overtaken()).toEqual([{ rule: district, higher: tightened }]);
  });

  it('refuses two versions of one rule at one jurisdiction on the same days', () => {
    expect(codeOf(() => new RuleBook([ruleOf(), ruleOf({ parameter: 5, effectiveFrom: '2020-01-01' })]))).toBe('RULE.OVERLAPPING_VERSIONS');
  });
});
