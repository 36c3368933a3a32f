import { CASES_TOPIC, REGISTRY_TOPIC, RESPONSIBILITY_TOPIC } from '@app/contracts';
import { eventTopicSpecs } from '@app/messaging';

export const RESPONSIBILITY_PARTITIONS = 3;

/** The service's own topic (and its dead letters), created explicitly at start. */
export const RESPONSIBILITY_TOPICS = eventTopicSpecs(RESPONSIBILITY_TOPIC, RESPONSIBILITY_PARTITIONS);

/**
 * What the service consumes, one consumer group per source, so that messages of one source waiting
 * for something (a concluded case about a unit the registry view does not know yet: retried, then
 * dead-lettered) never hold up the other: the registry's facts, read into the registry view, and
 * case handling's events (a concluded case opens one-case-two-investigations reviews).
 * `connectInbox` creates a topic that does not exist yet before it subscribes.
 */
export const INBOXES = [
  { groupId: 'responsibility-registry-view', topics: [REGISTRY_TOPIC] },
  { groupId: 'responsibility-cases', topics: [CASES_TOPIC] },
];
