import type { DomainEvent } from '@app/domain';

/**
 * Events of one obligation (stream `obligation-<obligationId>`): something a unit must do by a day.
 * Days are YYYY-MM-DD in China Standard Time. Every event repeats the subject, the unit and the due
 * day, so a read model or a bulletin needs no other stream.
 */

interface ObligationKey {
  readonly obligationId: string;
  /** What must be done, e.g. `dual_report:zy-pc:2024:main`. */
  readonly subject: string;
  /** The unit that owes it. */
  readonly unitCode: string;
  /** Last day on which fulfilment is on time. */
  readonly dueOn: string;
}

export type ObligationOpened = DomainEvent<
  'ObligationOpened',
  ObligationKey & {
    /** The named rule (with its jurisdiction and version) the due day was computed from. */
    readonly ruleName: string;
    /** First day the obligation counts as due soon. */
    readonly warnFrom: string;
    readonly openedOn: string;
  }
>;

/** The due-soon warning, sent once. */
export type ObligationDueSoonWarned = DomainEvent<'ObligationDueSoonWarned', ObligationKey & { readonly warnedOn: string }>;

/** The due day passed unfulfilled; marked once. */
export type ObligationMarkedOverdue = DomainEvent<'ObligationMarkedOverdue', ObligationKey & { readonly markedOn: string }>;

export type ObligationFulfilled = DomainEvent<
  'ObligationFulfilled',
  ObligationKey & {
    readonly fulfilledOn: string;
    /** Fulfilled after the due day. */
    readonly late: boolean;
    /** What fulfilled it, e.g. `dual_report:zy-pc:2024:main#1` (submission 1). */
    readonly evidence: string;
  }
>;

export type ObligationEvent = ObligationOpened | ObligationDueSoonWarned | ObligationMarkedOverdue | ObligationFulfilled;

export type ObligationEventType = ObligationEvent['type'];
