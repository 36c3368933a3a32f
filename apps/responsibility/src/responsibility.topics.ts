import { CASES_TOPIC, REGISTRY_TOPIC, RESPONSIBILITY_TOPIC } from '@app/contracts';
import { eventTopicSpecs } from '@app/messaging';

export const RESPONSIBILITY_PARTITIONS = 3;

/** The service's own topic (and its dead letters), created explicitly at start. */
export const RESPONSIBILITY_TOPICS = eventTopicSpecs(RESPONSIBILITY_TOPIC, RESPONSIBILITY_PARTITIONS);

/**
 * What the service consumes: the registry's facts, read into its own registry view, and case
 * handling's events (a concluded case opens one-case-two-investigations reviews). `connectInbox`
 * creates a topic that does not exist yet before it subscribes.
 */
export const CONSUMED_TOPICS = [REGISTRY_TOPIC, CASES_TOPIC];
