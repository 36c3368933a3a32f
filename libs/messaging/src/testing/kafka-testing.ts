import { randomBytes } from 'node:crypto';
import { logLevel, type Admin, type Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { EventStore } from '@app/eventstore';
import { createKafka } from '../kafka-client';
import { fromKafkaHeaders } from '../kafka-headers';
import { eventTopicSpecs, ensureTopics } from '../topics';

/** Helpers for integration tests against the project's broker; not exported from the library. */

export const testKafka = (clientId: string): Kafka => createKafka({ clientId, logLevel: logLevel.NOTHING });

export const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A fresh `<prefix>-<random>.v1` topic and its DLQ. */
export async function createTestTopic(admin: Admin, prefix: string, partitions = 3): Promise<string> {
  const topic = `${uniqueName(prefix)}.v1`;
  await ensureTopics(admin, eventTopicSpecs(topic, partitions));
  return topic;
}

export interface ReadMessage {
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
  readonly partition: number;
  readonly offset: string;
}

/** Reads a topic from the beginning with a throwaway group until `count` messages arrived. */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 15000): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  const received: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let done!: () => void;
    const enough = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? null,
          headers: fromKafkaHeaders(message.headers),
          partition,
          offset: message.offset,
        });
        if (received.length >= count) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([enough, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    return received;
  } finally {
    await consumer.disconnect();
  }
}

/** Messages written to a topic so far (sum of high watermarks). */
export async function topicSize(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

/** Polls `probe` until `accept` holds; throws, with the last value, when it does not within `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) {
      const shown = typeof value === 'string' ? value.slice(0, 2000) : JSON.stringify(value)?.slice(0, 2000);
      throw new Error(`eventually: not accepted within ${timeoutMs} ms; last value: ${shown}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Appends one event to a stream through the event store, with one outbox message for `topic`. */
export async function appendWithOutbox(
  pool: Pool,
  input: { streamId: string; expectedVersion: number; topic: string; type: string; data: unknown },
): Promise<string> {
  const store = new EventStore(pool, { source: 'messaging-test', hashAlgorithm: 'sm3' });
  const previousHash = (await store.readStream(input.streamId)).at(-1)?.contentHash ?? null;
  const result = await store.append({
    streamId: input.streamId,
    expectedVersion: input.expectedVersion,
    previousHash,
    events: [{ type: input.type, data: input.data }],
    metadata: { actor: { personId: 'p-test' }, correlationId: 'corr-test' },
    outbox: [{ eventIndex: 0, topic: input.topic, type: input.type, version: 1, data: input.data }],
  });
  return result.eventIds[0];
}

/** Every message on these topics up to their ends now: key, headers and value as text. */
export async function readTopicsToEnd(topics: readonly string[]): Promise<string[]> {
  const kafka = testKafka(uniqueName('to-end'));
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, number>();
  try {
    for (const topic of topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (Number(high) > Number(low)) ends.set(`${topic}/${partition}`, Number(high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const seen: string[] = [];
  if (ends.size === 0) return seen;
  const consumer = kafka.consumer({ groupId: uniqueName('to-end'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  let timer: NodeJS.Timeout | undefined;
  try {
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const headers = Object.entries(message.headers ?? {}).map(([name, value]) => `${name}=${value?.toString() ?? ''}`);
          seen.push([message.key?.toString() ?? '', ...headers, message.value?.toString() ?? ''].join('\n'));
          const end = ends.get(`${topic}/${partition}`);
          if (end !== undefined && Number(message.offset) + 1 >= end) ends.delete(`${topic}/${partition}`);
          if (ends.size === 0) resolve();
        },
      });
    });
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`topics not read to their ends: ${[...ends.keys()].join(', ')}`)), 60_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return seen;
}
