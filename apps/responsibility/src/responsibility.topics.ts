import { REGISTRY_TOPIC, RESPONSIBILITY_TOPIC } from '@app/contracts';
import { eventTopicSpecs } from '@app/messaging';

export const RESPONSIBILITY_PARTITIONS = 3;

/** The service's own topic (and its dead letters), created explicitly at start. */
export const RESPONSIBILITY_TOPICS = eventTopicSpecs(RESPONSIBILITY_TOPIC, RESPONSIBILITY_PARTITIONS);

/** What the service consumes: the registry's facts, read into its own registry view. */
export const CONSUMED_TOPICS = [REGISTRY_TOPIC];
