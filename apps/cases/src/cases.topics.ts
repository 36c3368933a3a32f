import { CASES_TOPIC, REGISTRY_TOPIC, RESPONSIBILITY_TOPIC } from '@app/contracts';
import { eventTopicSpecs } from '@app/messaging';

export const CASES_PARTITIONS = 3;

/** The service's own topic (and its dead letters), created explicitly at start. */
export const CASES_TOPICS = eventTopicSpecs(CASES_TOPIC, CASES_PARTITIONS);

/**
 * What the service consumes: the registry's facts, read into its own registry view, and
 * responsibility tracking's events (concluded one-case-two-investigations reviews open accountability matters).
 */
export const CONSUMED_TOPICS = [REGISTRY_TOPIC, RESPONSIBILITY_TOPIC];
