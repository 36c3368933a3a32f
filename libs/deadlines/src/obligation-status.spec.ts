import { type DomainError } from '@app/domain';
import { lateEntryTreatment, obligationStatus } from './obligation-status';
import { ruleOf } from './test-rules';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = WorkingDayCalendar.china();
const due = '2025-01-31';

describe('the status of an obligation', () => {
  it.each([
    [undefined, '2025-01-20', 'on_track'],
    [undefined, '2025-01-23', 'on_track'],
    [undefined, '2025-01-24', 'due_soon'],
    [undefined, '2025-01-31', 'due_soon'],
    [undefined, '2025-02-01', 'overdue'],
    ['2025-01-31', '2025-03-01', 'done'],
    ['2025-01-10', '2025-01-11', 'done'],
    ['2025-02-01', '2025-02-01', 'done_late'],
  ] as const)('done %s, today %s, due 2025-01-31, due-soon window 7 days: %s', (doneDay, today, expected) => {
    expect(obligationStatus({ dueDay: due, ...(doneDay ? { doneDay } : {}), today, dueSoonWithinDays: 7 })).toBe(expected);
  });

  it('with a window of 0 is due soon only on the due day', () => {
    expect(obligationStatus({ dueDay: due, today: '2025-01-30', dueSoonWithinDays: 0 })).toBe('on_track');
    expect(obligationStatus({ dueDay: due, today: due, dueSoonWithinDays: 0 })).toBe('due_soon');
  });

  it('refuses a negative window and malformed days', () => {
    expect(() => obligationStatus({ dueDay: due, today: due, dueSoonWithinDays: -1 })).toThrow(
      expect.objectContaining({ code: 'OBLIGATION.INVALID_WINDOW' }) as DomainError,
    );
    expect(() => obligationStatus({ dueDay: '2025-02-30', today: due, dueSoonWithinDays: 3 })).toThrow(
      expect.objectContaining({ code: 'DATE.INVALID' }) as DomainError,
    );
  });
});

describe('late entries', () => {
  const grace = (parameter: number, unit: 'calendar_days' | 'working_days' = 'calendar_days') =>
    ruleOf({ name: 'late_entry.accept_within', parameter, unit });

  it('are accepted and flagged within the grace after the due day, locked after it', () => {
    expect(lateEntryTreatment(grace(3), due, '2025-01-31', calendar)).toBe('on_time');
    expect(lateEntryTreatment(grace(3), due, '2025-02-03', calendar)).toBe('accepted_flagged');
    expect(lateEntryTreatment(grace(3), due, '2025-02-04', calendar)).toBe('locked');
    expect(lateEntryTreatment(grace(0), due, '2025-02-01', calendar)).toBe('locked');
  });

  it('count a grace in working days over holidays', () => {
    expect(lateEntryTreatment(grace(1, 'working_days'), '2025-01-27', '2025-02-05', calendar)).toBe('accepted_flagged');
    expect(lateEntryTreatment(grace(1, 'working_days'), '2025-01-27', '2025-02-06', calendar)).toBe('locked');
  });

  it('are judged only by the late-entry rule', () => {
    expect(() => lateEntryTreatment(ruleOf(), due, '2025-02-01', calendar)).toThrow(
      expect.objectContaining({ code: 'RULE.WRONG_RULE' }) as DomainError,
    );
  });
});
