import { randomUUID } from 'node:crypto';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { IntegrationEnvelope } from '@app/contracts';
import { currentCorrelationId, Metrics } from '@app/platform';
import { createTestDatabase, PG_CONNECTION, type TestDatabase } from '@app/testing';
import type { Admin, IHeaders, Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { silentLogger } from './kafka-client';
import { DLQ_HEADERS } from './kafka-headers';
import { InboxContext } from './inbox.context';
import { InboxErrorFilter } from './inbox-error.filter';
import { InboxEventPattern, KafkaInboxServer } from './kafka-inbox.server';
import { createTestTopic, eventually, readTopic, testKafka, uniqueName } from './testing/kafka-testing';

jest.setTimeout(30_000);

const attempts = new Map<string, number>();
const correlations = new Map<string, string | undefined>();

@Controller()
class EffectsController {
  @InboxEventPattern('test.ThingHappened')
  async thingHappened(@Payload() envelope: IntegrationEnvelope<'test.ThingHappened', { note: string }>, @Ctx() context: InboxContext) {
    correlations.set(envelope.id, currentCorrelationId());
    await context
      .getManager()
      .query('INSERT INTO effects (message_id, note, topic) VALUES ($1, $2, $3)', [envelope.id, envelope.data.note, context.getTopic()]);
  }

  @InboxEventPattern('test.FlakyThingHappened')
  async flaky(@Payload() envelope: IntegrationEnvelope<'test.FlakyThingHappened', { failures: number }>, @Ctx() context: InboxContext) {
    attempts.set(envelope.id, (attempts.get(envelope.id) ?? 0) + 1);
    await context
      .getManager()
      .query('INSERT INTO effects (message_id, note, topic) VALUES ($1, $2, $3)', [envelope.id, 'flaky', context.getTopic()]);
    if (context.message.attempt <= envelope.data.failures) throw new Error(`transient failure ${context.message.attempt}`);
  }

  @EventPattern('test.PoisonArrived')
  poison(@Payload() envelope: IntegrationEnvelope) {
    attempts.set(envelope.id, (attempts.get(envelope.id) ?? 0) + 1);
    throw new Error('cannot handle this event');
  }
}

const envelope = (type: string, data: unknown, id = randomUUID()) => ({
  envelopeVersion: 1,
  id,
  type,
  version: 1,
  source: 'messaging-test',
  streamId: 'stream-1',
  streamVersion: 1,
  correlationId: `corr-${id}`,
  data,
});

describe('Kafka inbox server (PostgreSQL + Kafka + Nest)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const topics: string[] = [];
  const apps: INestMicroservice[] = [];

  const startInbox = async (topic: string, groupId = uniqueName('inbox'), consumerName = groupId, metrics?: Metrics) => {
    const server = new KafkaInboxServer({
      metrics,
      kafka,
      dataSource,
      groupId,
      consumerName,
      topics: [topic],
      maxAttempts: 3,
      backoff: { initialMs: 20, maxMs: 50 },
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 100,
      logger: silentLogger,
    });
    const moduleRef = await Test.createTestingModule({ controllers: [EffectsController] }).compile();
    const app = moduleRef.createNestMicroservice({ strategy: server, logger: false });
    app.useGlobalFilters(new InboxErrorFilter());
    await app.listen();
    apps.push(app);
    return { app, server, groupId };
  };

  const topic = async () => {
    const name = await createTestTopic(admin, 'inbox', 1);
    topics.push(name);
    return name;
  };

  const send = (topicName: string, value: unknown, headers: IHeaders = {}) =>
    producer.send({
      topic: topicName,
      acks: -1,
      messages: [{ key: 'stream-1', value: typeof value === 'string' ? value : JSON.stringify(value), headers }],
    });

  const effects = async (messageId: string) => {
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM effects WHERE message_id = $1', [messageId]);
    return rows[0].n;
  };

  const inboxed = async (consumer: string, messageId: string) => {
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM msg_inbox WHERE consumer = $1 AND message_id = $2',
      [consumer, messageId],
    );
    return rows[0].n;
  };

  beforeAll(async () => {
    db = await createTestDatabase('msg_test');
    await db.pool.query('CREATE TABLE effects (message_id text NOT NULL, note text NOT NULL, topic text NOT NULL)');
    dataSource = new DataSource({ type: 'postgres', ...PG_CONNECTION, username: PG_CONNECTION.user, database: db.name });
    await dataSource.initialize();
    kafka = testKafka('inbox-test');
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: topics.flatMap((t) => [t, `${t}.dlq`]) }).catch(() => undefined);
    await admin.disconnect();
    await dataSource.destroy();
    await db.drop();
  });

  it('runs the handler in the inbox transaction and has its effect once when a message is delivered twice', async () => {
    const name = await topic();
    const { groupId } = await startInbox(name);
    const duplicated = envelope('test.ThingHappened', { note: '第一次' });
    const marker = envelope('test.ThingHappened', { note: 'marker' });
    await send(name, duplicated);
    await send(name, duplicated);
    await send(name, marker);

    await eventually(
      () => effects(marker.id),
      (n) => n === 1,
    );

    expect(await effects(duplicated.id)).toBe(1);
    expect(await inboxed(groupId, duplicated.id)).toBe(1);
    expect(correlations.get(duplicated.id)).toBe(`corr-${duplicated.id}`);
    const { rows } = await db.pool.query('SELECT note, topic FROM effects WHERE message_id = $1', [duplicated.id]);
    expect(rows).toEqual([{ note: '第一次', topic: name }]);
  });

  it('reports its lag per partition as a Prometheus gauge', async () => {
    const name = await topic();
    const metrics = new Metrics('inbox-test');
    const { groupId } = await startInbox(name, uniqueName('inbox'), undefined, metrics);
    const message = envelope('test.ThingHappened', { note: '计量' });
    await send(name, message);
    await eventually(
      () => effects(message.id),
      (n) => n === 1,
    );
    const line = new RegExp(`kafka_consumer_lag_messages\\{[^}]*group="${groupId}"[^}]*topic="${name}"[^}]*partition="0"[^}]*\\} 0`);
    try {
      await eventually(
        () => metrics.registry.metrics(),
        (text) => line.test(text),
      );
    } finally {
      metrics.stop();
    }
  });

  it('skips messages already in the inbox when a restarted consumer reads them again', async () => {
    const name = await topic();
    const consumerName = uniqueName('inbox');
    const first = envelope('test.ThingHappened', { note: 'before restart' });
    await send(name, first);
    const { app } = await startInbox(name, uniqueName('group'), consumerName);
    await eventually(
      () => effects(first.id),
      (n) => n === 1,
    );
    await app.close();
    apps.splice(apps.indexOf(app), 1);

    const second = envelope('test.ThingHappened', { note: 'after restart' });
    await send(name, second);
    await startInbox(name, uniqueName('group'), consumerName);
    await eventually(
      () => effects(second.id),
      (n) => n === 1,
    );

    expect(await effects(first.id)).toBe(1);
    expect(await inboxed(consumerName, first.id)).toBe(1);
  });

  it('records and skips a message that has no handler', async () => {
    const name = await topic();
    const { groupId } = await startInbox(name);
    const unknown = envelope('test.NobodyCares', {});
    const marker = envelope('test.ThingHappened', { note: 'marker' });
    await send(name, unknown);
    await send(name, marker);

    await eventually(
      () => effects(marker.id),
      (n) => n === 1,
    );

    expect(await inboxed(groupId, unknown.id)).toBe(1);
  });

  it('retries a transient failure with its effect rolled back each time, then succeeds once', async () => {
    const name = await topic();
    const { groupId, server } = await startInbox(name);
    const flaky = envelope('test.FlakyThingHappened', { failures: 2 });
    await send(name, flaky);

    await eventually(
      () => inboxed(groupId, flaky.id),
      (n) => n === 1,
    );

    expect(attempts.get(flaky.id)).toBe(3);
    expect(await effects(flaky.id)).toBe(1);
    const lag = await eventually(
      () => server.consumerLag(),
      (l) => l.every((p) => p.lag === 0),
    );
    expect(lag).toEqual([{ topic: name, partition: 0, lag: 0 }]);
  });

  it('sends a message that keeps failing to the DLQ with the error, and goes on with the next one', async () => {
    const name = await topic();
    const { groupId } = await startInbox(name);
    const poison = envelope('test.PoisonArrived', {});
    const next = envelope('test.ThingHappened', { note: 'after poison' });
    await send(name, poison, { 'x-message-id': poison.id, 'x-correlation-id': 'corr-poison' });
    await send(name, 'not json at all');
    await send(name, next);

    await eventually(
      () => effects(next.id),
      (n) => n === 1,
    );
    const dead = await readTopic(kafka, `${name}.dlq`, 2);

    expect(attempts.get(poison.id)).toBe(3);
    expect(await inboxed(groupId, poison.id)).toBe(0);
    expect(dead).toHaveLength(2);
    expect(JSON.parse(dead[0].value!)).toMatchObject({ id: poison.id });
    expect(dead[0].headers).toMatchObject({
      'x-message-id': poison.id,
      'x-correlation-id': 'corr-poison',
      [DLQ_HEADERS.error]: 'cannot handle this event',
      [DLQ_HEADERS.attempts]: '3',
      [DLQ_HEADERS.consumer]: groupId,
      [DLQ_HEADERS.originalTopic]: name,
      [DLQ_HEADERS.originalOffset]: '0',
    });
    expect(dead[1].value).toBe('not json at all');
    expect(dead[1].headers[DLQ_HEADERS.error]).toMatch(/not JSON/);
    expect(dead[1].headers[DLQ_HEADERS.attempts]).toBe('1');
  });
});
