import type { Command } from '@app/domain';

/**
 * Commands of one obligation (stream `obligation-<obligationId>`). "Today" is the CST day of
 * `metadata.now`. The opener computes the days from the named rule (calendar or working days, with
 * the jurisdiction's holiday calendar) before sending; the decider only compares days.
 */

export type OpenObligation = Command<
  'OpenObligation',
  {
    /** A UUID; derive it from the rule and the subject (`idFromKey`) so that opening twice lands on one stream. */
    readonly obligationId: string;
    readonly subject: string;
    readonly unitCode: string;
    readonly ruleName: string;
    readonly dueOn: string;
    readonly warnFrom: string;
  }
>;

/** Sent each day by the scheduler for obligations due soon; only the first one counts. */
export type WarnDueSoon = Command<'WarnDueSoon', { readonly obligationId: string }>;

/** Sent each day by the scheduler for obligations past their due day; only the first one counts. */
export type MarkOverdue = Command<'MarkOverdue', { readonly obligationId: string }>;

export type FulfilObligation = Command<
  'FulfilObligation',
  {
    readonly obligationId: string;
    /** The day the obligation was met (e.g. the report's submission day), not later than today. */
    readonly fulfilledOn: string;
    readonly evidence: string;
  }
>;

export type ObligationCommand = OpenObligation | WarnDueSoon | MarkOverdue | FulfilObligation;

export type ObligationCommandType = ObligationCommand['type'];

export const obligationStreamId = (obligationId: string): string => `obligation-${obligationId}`;
