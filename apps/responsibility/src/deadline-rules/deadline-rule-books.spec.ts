import { districtSeedRules, NATIONAL, NATIONAL_DEFAULT_RULES, type DeadlineRule, type Jurisdiction } from '@app/deadlines';
import { overlaid } from './deadline-rule-books';
import { jurisdictionChain } from './jurisdiction-chain';

const JINSHUI: Jurisdiction = { level: 'district', code: '410105' };
const recorded = (name: string, effectiveFrom: string, effectiveTo?: string): DeadlineRule => ({
  name,
  parameter: 5,
  unit: 'calendar_days',
  legalBasis: '区委通知',
  jurisdiction: JINSHUI,
  effectiveFrom,
  ...(effectiveTo ? { effectiveTo } : {}),
});

describe('a jurisdiction’s rules: the seed overlaid with recorded versions', () => {
  it('without recorded versions, the seed’s rules of that level, marked as the seed', () => {
    expect(overlaid(JINSHUI, [])).toEqual(districtSeedRules(JINSHUI).map((rule) => ({ ...rule, source: 'seed' })));
    expect(overlaid(NATIONAL, [])).toHaveLength(NATIONAL_DEFAULT_RULES.length);
    expect(overlaid({ level: 'city', code: '410100' }, [])).toEqual([]);
  });

  it('the seed’s version ends the day before the first recorded version of the same rule; others stay open', () => {
    const rules = overlaid(JINSHUI, [recorded('meeting_filing.due', '2026-12-05')]);
    expect(rules.filter((rule) => rule.name === 'meeting_filing.due')).toEqual([
      expect.objectContaining({ source: 'seed', parameter: 7, effectiveFrom: '2014-01-01', effectiveTo: '2026-12-04' }),
      expect.objectContaining({ source: 'recorded', parameter: 5, effectiveFrom: '2026-12-05' }),
    ]);
    expect(rules.find((rule) => rule.name === 'dual_report.due')).not.toHaveProperty('effectiveTo');
  });

  it('a retired recorded rule does not bring the seed back', () => {
    const rules = overlaid(JINSHUI, [recorded('meeting_filing.due', '2026-12-05', '2027-01-31')]);
    expect(rules.filter((rule) => rule.name === 'meeting_filing.due').map((rule) => rule.effectiveTo)).toEqual([
      '2026-12-04',
      '2027-01-31',
    ]);
  });
});

describe('the jurisdictions enclosing a division code', () => {
  it('national first, down to the division’s own level', () => {
    expect(jurisdictionChain('410105').map((link) => link.code)).toEqual(['100000', '410000', '410100', '410105']);
    expect(jurisdictionChain('410100').map((link) => link.level)).toEqual(['national', 'province', 'city']);
    expect(jurisdictionChain('410000').map((link) => link.level)).toEqual(['national', 'province']);
    expect(jurisdictionChain('100000')).toEqual([NATIONAL]);
  });

  it('OBLIGATION.NO_JURISDICTION for what is not a division code', () => {
    expect(() => jurisdictionChain('41010')).toThrow(expect.objectContaining({ code: 'OBLIGATION.NO_JURISDICTION' }));
  });
});
