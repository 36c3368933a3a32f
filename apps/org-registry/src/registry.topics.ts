import { REGISTRY_TOPIC } from '@app/contracts';
import { eventTopicSpecs } from '@app/messaging';

export const REGISTRY_PARTITIONS = 3;

/** The registry's topic (and its dead letters), created explicitly at start. */
export const REGISTRY_TOPICS = eventTopicSpecs(REGISTRY_TOPIC, REGISTRY_PARTITIONS);
