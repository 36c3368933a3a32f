import type { OpenedObligationState } from './obligation.decider';

/** The three-colour status of deployed platforms, plus the two kinds of done. */
export type ObligationColour = 'on_track' | 'due_soon' | 'overdue' | 'done_late' | 'done';

/**
 * The colour of an obligation on `today` (YYYY-MM-DD, CST), from its state alone: it does not wait
 * for the scheduler's warning or overdue mark.
 */
export function obligationColour(obligation: OpenedObligationState, today: string): ObligationColour {
  if (obligation.status === 'fulfilled') return obligation.late ? 'done_late' : 'done';
  if (today > obligation.dueOn) return 'overdue';
  return today >= obligation.warnFrom ? 'due_soon' : 'on_track';
}
