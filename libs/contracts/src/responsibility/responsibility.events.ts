/**
 * Public integration events of responsibility tracking (source `responsibility`). Each type is
 * versioned on its own; a consumer switches on `type` and `version`. Days are `YYYY-MM-DD` (China
 * Standard Time). People appear by staff number only.
 */

export const RESPONSIBILITY_SOURCE = 'responsibility' as const;

/** Kafka topic of every responsibility-tracking integration event, keyed by stream id. */
export const RESPONSIBILITY_TOPIC = 'responsibility.events.v1' as const;
