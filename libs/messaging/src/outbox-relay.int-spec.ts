import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { logLevel } from 'kafkajs';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { createKafka, silentLogger } from './kafka-client';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
import { appendWithOutbox, createTestTopic, eventually, readTopic, testKafka, topicSize, type ReadMessage } from './testing/kafka-testing';

jest.setTimeout(30_000);

describe('outbox relay (PostgreSQL + Kafka)', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let admin: Admin;
  const topics: string[] = [];
  const relays: OutboxRelay[] = [];

  const relay = (overrides: Partial<OutboxRelayOptions> = {}): OutboxRelay => {
    const created = new OutboxRelay({
      pool: db.pool,
      kafka,
      pollIntervalMs: 1000,
      lockRetryMs: 100,
      backoff: { initialMs: 50, maxMs: 300 },
      logger: silentLogger,
      ...overrides,
    });
    relays.push(created);
    return created;
  };
  /** A started relay that holds the leadership. */
  const leadingRelay = async (overrides: Partial<OutboxRelayOptions> = {}): Promise<OutboxRelay> => {
    const created = relay(overrides);
    created.start();
    await eventually(
      async () => created.isLeader,
      (leading) => leading,
    );
    return created;
  };

  const topic = async (partitions = 3) => {
    const name = await createTestTopic(admin, 'outbox', partitions);
    topics.push(name);
    return name;
  };

  const pendingIn = async (name: string) => {
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM es_outbox WHERE topic = $1 AND published_at IS NULL',
      [name],
    );
    return rows[0].n;
  };

  const appendMany = async (name: string, streams: string[], eventsPerStream: number) => {
    for (let version = 0; version < eventsPerStream; version += 1) {
      for (const streamId of streams) {
        await appendWithOutbox(db.pool, {
          streamId,
          expectedVersion: version,
          topic: name,
          type: 'test.ThingCounted',
          data: { n: version + 1 },
        });
      }
    }
  };

  const versionsByKey = (messages: { key: string | null; value: string | null }[]) => {
    const result: Record<string, number[]> = {};
    for (const m of messages) (result[m.key!] ??= []).push((JSON.parse(m.value!) as { streamVersion: number }).streamVersion);
    return result;
  };
  /** Each message's topic sequence from its envelope and header, checked to agree; sorted. */
  const topicSequences = (messages: ReadMessage[]) =>
    messages
      .map((m) => {
        const fromEnvelope = (JSON.parse(m.value!) as { topicSequence: number }).topicSequence;
        expect(m.headers['x-topic-sequence']).toBe(String(fromEnvelope));
        return fromEnvelope;
      })
      .sort((a, b) => a - b);
  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  beforeAll(async () => {
    db = await createTestDatabase('msg_test');
    kafka = testKafka('outbox-relay-test');
    admin = kafka.admin();
    await admin.connect();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: topics.flatMap((t) => [t, `${t}.dlq`]) }).catch(() => undefined);
    await admin.disconnect();
    await db.drop();
  });

  it('publishes every row once, in order per key, with its headers, and marks it published', async () => {
    const name = await topic();
    const streams = [`unit-${randomUUID()}`, `unit-${randomUUID()}`, `unit-${randomUUID()}`];
    await appendMany(name, streams, 4);
    const r = relay();
    r.start();

    const messages = await readTopic(kafka, name, 12);

    expect(versionsByKey(messages)).toEqual(Object.fromEntries(streams.map((s) => [s, [1, 2, 3, 4]])));
    expect(messages[0].headers).toMatchObject({ 'x-message-type': 'test.ThingCounted', 'x-correlation-id': 'corr-test' });
    expect(messages.every((m) => m.headers['x-message-id'] === (JSON.parse(m.value!) as { id: string }).id)).toBe(true);
    await eventually(
      () => pendingIn(name),
      (n) => n === 0,
    );
    expect(await pendingIn(name)).toBe(0);
    expect(await topicSize(admin, name)).toBe(12);
    expect((await r.lag()).pending).toBe(0);
  });

  it('is woken by commits: rows appended while it runs go out promptly', async () => {
    const name = await topic(1);
    await leadingRelay({ pollIntervalMs: 60_000 });
    const streamId = `unit-${randomUUID()}`;
    await appendWithOutbox(db.pool, { streamId, expectedVersion: 0, topic: name, type: 'test.ThingCounted', data: {} });

    // Well under the 60 s poll: only the commit notification can have woken the relay.
    const messages = await readTopic(kafka, name, 1, 20_000);

    expect(messages.map((m) => m.key)).toEqual([streamId]);
  });

  it('is woken in process by wake(): a row committed without any NOTIFY goes out at once', async () => {
    const name = await topic(1);
    const r = await leadingRelay({ pollIntervalMs: 60_000 });
    const streamId = `unit-${randomUUID()}`;
    // Written straight into the outbox: no EventStore, so no es_outbox notification.
    await db.pool.query(`INSERT INTO es_outbox (position, topic, message_key, message, headers) VALUES (0, $1, $2, $3, '{}')`, [
      name,
      streamId,
      JSON.stringify({ id: randomUUID(), streamVersion: 1 }),
    ]);
    r.wake();

    const messages = await readTopic(kafka, name, 1, 20_000);

    expect(messages.map((m) => m.key)).toEqual([streamId]);
    await eventually(
      () => pendingIn(name),
      (n) => n === 0,
    );
  });

  it('survives the termination of its database session: no crash, it leads again on a new one and publishes', async () => {
    const name = await topic(1);
    const warnings: string[] = [];
    const r = relay({ logger: { ...silentLogger, warn: (message) => void warnings.push(message) } });
    r.start();
    await eventually(
      async () => r.isLeader,
      (leading) => leading,
    );
    const leaderPid = async () => {
      const { rows } = await db.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_locks
          WHERE locktype = 'advisory' AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 2 AND granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [0x6f757462, 1],
      );
      return rows[0]?.pid;
    };
    const first = await leaderPid();
    expect(first).toBeDefined();

    await db.pool.query('SELECT pg_terminate_backend($1)', [first]);
    const second = await eventually(leaderPid, (pid) => pid !== undefined && pid !== first);
    const streamId = `unit-${randomUUID()}`;
    await appendMany(name, [streamId], 2);
    const messages = await readTopic(kafka, name, 2);

    expect(second).not.toBe(first);
    expect(r.isLeader).toBe(true);
    // The idle session's 'error' event reached the relay's handler (without one the process would crash).
    expect(warnings).toContain('outbox relay session error');
    expect(versionsByKey(messages)).toEqual({ [streamId]: [1, 2] });
  });

  it('publishes a backlog larger than a batch in order and marks every row, the last batch included', async () => {
    const name = await topic(2);
    const streams = Array.from({ length: 5 }, () => `case-${randomUUID()}`);
    await appendMany(name, streams, 7);
    const r = relay({ batchSize: 4 });
    r.start();

    const messages = await readTopic(kafka, name, 35);
    await eventually(
      () => pendingIn(name),
      (n) => n === 0,
    );
    await r.stop();

    expect(versionsByKey(messages)).toEqual(Object.fromEntries(streams.map((s) => [s, [1, 2, 3, 4, 5, 6, 7]])));
    expect(await pendingIn(name)).toBe(0);
    expect(await topicSize(admin, name)).toBe(35);
    // Numbered 1…35 in outbox order, without gaps, across batches: per key the numbers rise with the versions.
    expect(topicSequences(messages)).toEqual(oneTo(35));
    for (const key of streams) {
      const mine = messages
        .filter((m) => m.key === key)
        .map((m) => JSON.parse(m.value!) as { topicSequence: number; streamVersion: number });
      expect(mine.sort((a, b) => a.streamVersion - b.streamVersion).map((m) => m.topicSequence)).toEqual(
        [...mine].map((m) => m.topicSequence).sort((a, b) => a - b),
      );
    }
  });

  it('keeps rows pending while the broker is unreachable and publishes them in order, once, when it is back', async () => {
    const name = await topic();
    const unreachable = createKafka({
      clientId: 'relay-down',
      brokers: ['127.0.0.1:1'],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
    const down = relay({ kafka: unreachable, producerRetry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 } });
    down.start();
    await eventually(
      async () => down.isLeader,
      (leading) => leading,
    );
    const streams = [`case-${randomUUID()}`, `case-${randomUUID()}`];
    await appendMany(name, streams, 3);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(await pendingIn(name)).toBe(6);
    expect(down.publishedTotal).toBe(0);
    await down.stop();

    relay().start();
    const messages = await readTopic(kafka, name, 6);

    expect(versionsByKey(messages)).toEqual(Object.fromEntries(streams.map((s) => [s, [1, 2, 3]])));
    // Numbered when the failed sends were tried, and kept through the re-send: still 1…6, no gap, no repeat.
    expect(topicSequences(messages)).toEqual(oneTo(6));
    await eventually(
      () => pendingIn(name),
      (n) => n === 0,
    );
    expect(await topicSize(admin, name)).toBe(6);
  });

  it('lets one relay lead per database; rows committed while none runs go out after a restart', async () => {
    const name = await topic(1);
    const first = relay();
    const second = relay();
    first.start();
    second.start();
    await eventually(
      async () => first.isLeader || second.isLeader,
      (leading) => leading,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([first.isLeader, second.isLeader].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = first.isLeader ? [first, second] : [second, first];

    await leader.stop();
    await standby.stop();
    const streamId = `tour-${randomUUID()}`;
    await appendMany(name, [streamId], 3);
    expect(await pendingIn(name)).toBe(3);

    const restarted = relay();
    restarted.start();
    const messages = await readTopic(kafka, name, 3);

    expect(versionsByKey(messages)).toEqual({ [streamId]: [1, 2, 3] });
    await eventually(
      () => pendingIn(name),
      (n) => n === 0,
    );
    expect(await topicSize(admin, name)).toBe(3);
  });

  it('hands over to a waiting relay when the leader stops', async () => {
    const name = await topic(1);
    const first = relay();
    first.start();
    await eventually(
      async () => first.isLeader,
      (leading) => leading,
    );
    const second = relay();
    second.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.isLeader).toBe(false);

    await first.stop();
    await eventually(
      async () => second.isLeader,
      (leading) => leading,
    );
    const streamId = `tour-${randomUUID()}`;
    await appendMany(name, [streamId], 2);
    const messages = await readTopic(kafka, name, 2);

    expect(versionsByKey(messages)).toEqual({ [streamId]: [1, 2] });
  });
});
