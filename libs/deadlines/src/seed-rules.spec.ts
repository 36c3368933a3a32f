import { DomainError } from '@app/domain';
import { dueDate, periodContaining } from './deadline-rule';
import { NATIONAL } from './jurisdiction';
import { lateEntryTreatment } from './obligation-status';
import { districtSeedRules, NATIONAL_DEFAULT_RULES, RULE_NAMES, seedRuleBook } from './seed-rules';
import { DISTRICT_CHAIN, JINSHUI } from './test-rules';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = WorkingDayCalendar.china();
const book = seedRuleBook(JINSHUI);
const resolve = (name: string, day = '2025-06-01') => book.resolve(name, DISTRICT_CHAIN, day);

describe('the seed rules', () => {
  it('every seeded rule resolves for a district chain, with its legal basis', () => {
    for (const name of Object.values(RULE_NAMES)) {
      const rule = resolve(name);
      expect(rule.name).toBe(name);
      expect(rule.legalBasis).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(book.overtaken()).toEqual([]);
  });

  it('keeps the national defaults at the national level and the seed document rules at the district', () => {
    expect(NATIONAL_DEFAULT_RULES.every((rule) => rule.jurisdiction === NATIONAL)).toBe(true);
    expect(districtSeedRules(JINSHUI).every((rule) => rule.jurisdiction === JINSHUI)).toBe(true);
    expect(resolve(RULE_NAMES.petitionForward).jurisdiction).toBe(NATIONAL);
    expect(resolve(RULE_NAMES.meetingFiling).jurisdiction).toBe(JINSHUI);
  });

  it('puts dual reports by 31 January', () => {
    expect(dueDate(resolve(RULE_NAMES.dualReport), '2025-01-01', calendar)).toBe('2025-01-31');
  });

  it('files a democratic life meeting within a week (一周内)', () => {
    expect(dueDate(resolve(RULE_NAMES.meetingFiling), '2025-01-20', calendar)).toBe('2025-01-27');
  });

  it('forwards a petition for a higher commission within 5 working days, over a holiday', () => {
    expect(dueDate(resolve(RULE_NAMES.petitionForward), '2024-09-30', calendar)).toBe('2024-10-12');
  });

  it('tells named reporters of acceptance and result within 15 working days (make-up days 1/26 and 2/8 count); letter inquiries the same', () => {
    expect(dueDate(resolve(RULE_NAMES.reporterAcceptanceNotice), '2025-01-20', calendar)).toBe('2025-02-14');
    expect(resolve(RULE_NAMES.reporterResultNotice)).toMatchObject({ parameter: 15, unit: 'working_days' });
    expect(resolve(RULE_NAMES.letterInquiryReply)).toMatchObject({ parameter: 15, unit: 'working_days' });
  });

  it('decides on a clue within a month and reports rectification 2 months after tour feedback', () => {
    expect(dueDate(resolve(RULE_NAMES.clueDisposal), '2025-01-31', calendar)).toBe('2025-02-28');
    expect(dueDate(resolve(RULE_NAMES.rectificationReport), '2025-06-30', calendar)).toBe('2025-08-30');
  });

  it('sets accountability returns at each quarter end, bulletins every two months, talks and duty reports once a year', () => {
    expect(periodContaining(resolve(RULE_NAMES.accountabilityReturn), '2025-05-20').to).toBe('2025-06-30');
    expect(periodContaining(resolve(RULE_NAMES.typicalCaseBulletin), '2025-05-20').to).toBe('2025-06-30');
    expect(periodContaining(resolve(RULE_NAMES.typicalCaseBulletin), '2025-07-01').to).toBe('2025-08-31');
    expect(periodContaining(resolve(RULE_NAMES.integrityTalk), '2025-05-20')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodContaining(resolve(RULE_NAMES.dutyReport), '2025-05-20').to).toBe('2025-12-31');
  });

  it('locks late entries in the seed district', () => {
    expect(lateEntryTreatment(resolve(RULE_NAMES.lateEntry), '2025-01-31', '2025-02-01', calendar)).toBe('locked');
  });

  it('has no petition rule before the 2020 regulation took effect', () => {
    expect(() => resolve(RULE_NAMES.petitionForward, '2019-12-31')).toThrow(DomainError);
  });
});
