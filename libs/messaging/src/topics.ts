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

/** Broker answers that mean "the topic is there but its metadata has not reached this broker yet". */
const STILL_PROPAGATING = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

function errorTypes(error: unknown): string[] {
  const e = error as { type?: string; errors?: { type?: string }[] };
  return e.errors ? e.errors.map((inner) => inner.type ?? '') : [e.type ?? ''];
}

/**
 * Creates the topics that do not exist yet, explicitly (the broker never auto-creates), and
 * waits until every partition has a leader. Existing topics are left as they are; a topic another
 * process created at the same moment counts as existing. Returns the names this call created.
 *
 * kafkajs' own `waitForLeaders` gives up on the first UNKNOWN_TOPIC_OR_PARTITION, which a KRaft
 * broker answers for a moment after creation, so the wait is done here.
 */
export async function ensureTopics(admin: Admin, topics: readonly TopicSpec[] = TOPIC_SPECS, timeoutMs = 30_000): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.name));
  if (missing.length === 0) return [];
  const created: string[] = [];
  for (const t of missing) {
    try {
      const made = await admin.createTopics({
        waitForLeaders: false,
        topics: [
          {
            topic: t.name,
            numPartitions: t.partitions,
            replicationFactor: 1,
            configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
          } satisfies ITopicConfig,
        ],
      });
      if (made) created.push(t.name);
    } catch (error) {
      if (!errorTypes(error).every((type) => type === 'TOPIC_ALREADY_EXISTS')) throw error;
    }
  }
  await waitForLeaders(
    admin,
    missing.map((t) => t.name),
    timeoutMs,
  );
  return created;
}

async function waitForLeaders(admin: Admin, names: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
    let pending: string;
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...names] });
      const leaderless = topics.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
      if (leaderless.length === 0) return;
      pending = `no leader yet for ${leaderless.map((t) => t.name).join(', ')}`;
    } catch (error) {
      if (!errorTypes(error).every((type) => STILL_PROPAGATING.has(type))) throw error;
      pending = (error as Error).message;
    }
    if (Date.now() + pause > deadline) {
      throw new Error(`topics ${names.join(', ')} were created but have no leaders after ${timeoutMs} ms: ${pending}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
