import type { Admin, ITopicConfig } from 'kafkajs';
import { REGISTRY_TOPIC } from '@app/contracts';

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly config: Readonly<Record<string, string>>;
}

/** Every integration event topic; a context's own name comes from its contract in libs/contracts. */
export const TOPICS = {
  registryEvents: REGISTRY_TOPIC,
  responsibilityEvents: 'responsibility.events.v1',
  casesEvents: 'cases.events.v1',
  toursEvents: 'tours.events.v1',
} as const;

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Integration events are kept: a consumer that joins later reads the whole history. */
const EVENT_TOPIC_CONFIG = { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'min.insync.replicas': '1' };

/** An integration event topic and its dead-letter companion. */
export function eventTopicSpecs(name: string, partitions = 3): readonly TopicSpec[] {
  return [
    { name, partitions, config: EVENT_TOPIC_CONFIG },
    { name: deadLetterTopic(name), partitions: 1, config: EVENT_TOPIC_CONFIG },
  ];
}

export const TOPIC_SPECS: readonly TopicSpec[] = Object.values(TOPICS).flatMap((name) => eventTopicSpecs(name));

/**
 * Creates the topics that do not exist yet, explicitly (the broker never auto-creates), and
 * waits for their leaders. Existing topics are left as they are. Returns the names created.
 */
export async function ensureTopics(admin: Admin, topics: readonly TopicSpec[] = TOPIC_SPECS): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.name));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((t): ITopicConfig => ({
      topic: t.name,
      numPartitions: t.partitions,
      replicationFactor: 1,
      configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
    })),
  });
  return missing.map((t) => t.name);
}
