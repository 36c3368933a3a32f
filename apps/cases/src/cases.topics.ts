import { CASES_TOPIC, REGISTRY_TOPIC, RESPONSIBILITY_TOPIC } from '@app/contracts';
import { eventTopicSpecs } from '@app/messaging';

export const CASES_PARTITIONS = 3;

/** The service's own topic (and its dead letters), created explicitly at start. */
export const CASES_TOPICS = eventTopicSpecs(CASES_TOPIC, CASES_PARTITIONS);

/**
 * What the service consumes, one consumer group per source, so that messages of one source waiting
 * for something (a concluded review about a case not known here yet: retried, then dead-lettered)
 * never hold up the other: the registry's facts, read into the registry view, and responsibility
 * tracking's concluded one-case-two-investigations reviews, which open accountability matters.
 */
export const INBOXES = [
  { groupId: 'cases-registry-view', topics: [REGISTRY_TOPIC] },
  { groupId: 'cases-reviews', topics: [RESPONSIBILITY_TOPIC] },
];
