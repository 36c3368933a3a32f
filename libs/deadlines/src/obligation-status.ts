import { DomainError, requireDay } from '@app/domain';
import { addCalendarDays } from './days';
import { dueDate, type DeadlineRule } from './deadline-rule';
import type { WorkingDayCalendar } from './working-day-calendar';

/** The three-colour warning of deployed platforms, plus how a finished obligation ended. */
export type ObligationStatus = 'on_track' | 'due_soon' | 'overdue' | 'done_late' | 'done';

export interface ObligationDays {
  readonly dueDay: string;
  /** The day it was done, when it was. */
  readonly doneDay?: string;
  readonly today: string;
  /** `due_soon` from this many calendar days before the due day (0: only on the due day). */
  readonly dueSoonWithinDays: number;
}

/**
 * Done on or before the due day: `done`; after it: `done_late`. Not done: `overdue` once the due
 * day has passed, `due_soon` within the window before it (the due day included), else `on_track`.
 */
export function obligationStatus({ dueDay, doneDay, today, dueSoonWithinDays }: ObligationDays): ObligationStatus {
  requireDay(dueDay, 'dueDay');
  requireDay(today, 'today');
  if (!Number.isSafeInteger(dueSoonWithinDays) || dueSoonWithinDays < 0) {
    throw new DomainError(
      'OBLIGATION.INVALID_WINDOW',
      `dueSoonWithinDays ${String(dueSoonWithinDays)} must be a whole number of days, 0 or more`,
    );
  }
  if (doneDay !== undefined) {
    requireDay(doneDay, 'doneDay');
    return doneDay <= dueDay ? 'done' : 'done_late';
  }
  if (today > dueDay) return 'overdue';
  return today >= addCalendarDays(dueDay, -dueSoonWithinDays) ? 'due_soon' : 'on_track';
}

export type LateEntryTreatment = 'on_time' | 'accepted_flagged' | 'locked';

/** The rule in the book that governs late entries (see LATE_ENTRY_RULE in seed-rules.ts). */
export const LATE_ENTRY_RULE_NAME = 'late_entry.accept_within';

/**
 * How an entry recorded on `entryDay` for an obligation due on `dueDay` is taken: on time; late
 * but accepted and flagged while within the grace the `late_entry.accept_within` rule grants
 * after the due day (0 grants none); locked after that (unlocking is a supervised act).
 */
export function lateEntryTreatment(rule: DeadlineRule, dueDay: string, entryDay: string, calendar: WorkingDayCalendar): LateEntryTreatment {
  if (rule.name !== LATE_ENTRY_RULE_NAME) {
    throw new DomainError('RULE.WRONG_RULE', `late entries are governed by ${LATE_ENTRY_RULE_NAME}, not ${rule.name}`);
  }
  requireDay(entryDay, 'entryDay');
  if (entryDay <= dueDay) return 'on_time';
  return entryDay <= dueDate(rule, dueDay, calendar) ? 'accepted_flagged' : 'locked';
}
