import { EventPattern, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { IntegrationEnvelope } from '@app/contracts';
import { HEADERS } from '@app/contracts';
import { isDatabaseUnavailable, withCorrelationId, type Metrics } from '@app/platform';
import type { Admin, Consumer, EachMessagePayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { backoffDelay, pause, type BackoffOptions } from './backoff';
import { jsonLogger, type MessagingLogger } from './kafka-client';
import { deadLetterHeaders, describeError, fromKafkaHeaders } from './kafka-headers';
import { InboxContext } from './inbox.context';
import { isInfrastructureError } from './infrastructure-error';
import { deadLetterTopic } from './topics';

export const KAFKA_INBOX_TRANSPORT = Symbol('KAFKA_INBOX');

export interface KafkaInboxServerOptions {
  readonly kafka: Kafka;
  /** The service's database; msg_inbox lives there. */
  readonly dataSource: DataSource;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Name recorded in msg_inbox; the group id by default. */
  readonly consumerName?: string;
  /** Where a new group starts; true by default (a new consumer reads the whole history). */
  readonly fromBeginning?: boolean;
  /** Attempts of a failing message before it goes to `<topic>.dlq` (infrastructure errors retry without limit). */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  /** Whether a handler error is worth retrying; otherwise the message goes to the DLQ at once. */
  readonly retryable?: (error: unknown) => boolean;
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeout?: number;
  readonly heartbeatInterval?: number;
  /** Longest wait of one fetch on an idle partition; closing waits for it too. */
  readonly maxWaitTimeInMs?: number;
  readonly logger?: MessagingLogger;
  /** The service's metrics: consumer lag per partition is reported as `kafka_consumer_lag_messages`. */
  readonly metrics?: Metrics;
}

export type InboxOutcome = 'handled' | 'duplicate' | 'unhandled';

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

type InboxStatus = 'connecting' | 'connected' | 'disconnected' | 'crashed';

class PoisonMessage extends Error {
  override readonly name = 'PoisonMessage';
}

class Closing extends Error {
  override readonly name = 'Closing';
}

/**
 * Nest transport that consumes integration events through an inbox: each message runs its
 * `@EventPattern(<type>)` handler in a database transaction that first records
 * (consumer, message id) in msg_inbox, so a redelivered message has no second effect.
 * Failures are retried with backoff; a message that keeps failing is copied to `<topic>.dlq`
 * with the error in its headers, and the partition moves on. Dead letters are not recorded in
 * the inbox, so a message replayed from the DLQ is processed again.
 */
export class KafkaInboxServer
  extends Server<Record<string, (...args: never[]) => unknown>, InboxStatus>
  implements CustomTransportStrategy
{
  override transportId = KAFKA_INBOX_TRANSPORT;
  override readonly propagatesEventHandlerErrors = true;

  private readonly consumerName: string;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly log: MessagingLogger;
  private readonly closing = new AbortController();
  private consumer?: Consumer;
  private producer?: Producer;
  private admin?: Admin;

  constructor(private readonly options: KafkaInboxServerOptions) {
    super();
    this.consumerName = options.consumerName ?? options.groupId;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoff = options.backoff ?? { initialMs: 200, maxMs: 5000 };
    this.log = options.logger ?? jsonLogger('kafka-inbox');
    this.registerLagGauge();
  }

  private registerLagGauge(): void {
    const lag = (): Promise<{ topic: string; partition: number; lag: number }[]> =>
      this.consumer ? this.consumerLag().catch(() => []) : Promise.resolve([]);
    const group = this.options.groupId;
    this.options.metrics?.gauge({
      name: 'kafka_consumer_lag_messages',
      help: 'Messages not yet consumed, per consumer group, topic and partition',
      labelNames: ['group', 'topic', 'partition'],
      async collect() {
        for (const entry of await lag()) {
          this.set({ group, topic: entry.topic, partition: String(entry.partition) }, entry.lag);
        }
      },
    });
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops fetching, lets the message in flight finish (a failing one is left for redelivery), disconnects. */
  async close(): Promise<void> {
    this.closing.abort();
    await this.consumer
      ?.disconnect()
      .catch((error: unknown) => this.log.warn('consumer disconnect failed', { error: describeError(error) }));
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    this._status$.next('disconnected');
  }

  on(): never {
    throw new Error('KafkaInboxServer has no events to listen to');
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('KafkaInboxServer is not listening yet');
    return { consumer: this.consumer, producer: this.producer } as T;
  }

  /** Messages not yet consumed per partition: high watermark minus the group's committed offset. */
  async consumerLag(): Promise<PartitionLag[]> {
    // After close, a metrics scrape must not open a connection nobody closes.
    if (this.closing.signal.aborted) return [];
    if (!this.admin) {
      const admin = this.options.kafka.admin();
      this.admin = admin;
      try {
        await admin.connect();
      } catch (error) {
        this.admin = undefined;
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
    }
    const topics = [...this.options.topics];
    const committed = await this.admin.fetchOffsets({ groupId: this.options.groupId, topics });
    const result: PartitionLag[] = [];
    for (const { topic, partitions } of committed) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const offset = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        const from = offset >= 0 ? offset : Number(end.low);
        result.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) });
      }
    }
    return result;
  }

  private async start(): Promise<void> {
    this._status$.next('connecting');
    const { kafka, groupId } = this.options;
    this.producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false });
    this.consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeout ?? 30000,
      heartbeatInterval: this.options.heartbeatInterval ?? 3000,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 1000,
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.log.error('inbox consumer crashed', { groupId, error: describeError(payload.error), restart: payload.restart });
      if (!payload.restart) this._status$.next('crashed');
    });
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: (payload) => this.consume(payload),
    });
    this._status$.next('connected');
  }

  private async consume(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const headers = fromKafkaHeaders(message.headers);
    const where = { topic, partition, offset: message.offset };
    let envelope: IntegrationEnvelope;
    try {
      envelope = parseEnvelope(message, headers);
    } catch (error) {
      await this.deadLetter(topic, partition, message, headers, error, 1);
      return;
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await this.process(envelope, { ...where, key: message.key?.toString('utf8') ?? null, headers, attempt });
        if (outcome === 'unhandled')
          this.log.info('no handler for message; recorded and skipped', { ...where, type: envelope.type, id: envelope.id });
        return;
      } catch (error) {
        if (this.closing.signal.aborted) throw new Closing('inbox closing; message left for redelivery');
        // A lost database session (also as TypeORM reports it once the session is gone) is retried, never dead-lettered.
        const infrastructure = isInfrastructureError(error) || isDatabaseUnavailable(error);
        const retryable = infrastructure || (this.options.retryable?.(error) ?? true);
        if (!retryable || (!infrastructure && attempt >= this.maxAttempts)) {
          await this.deadLetter(topic, partition, message, headers, error, attempt);
          return;
        }
        const retryInMs = backoffDelay(attempt, this.backoff);
        this.log.warn('inbox handler failed; retrying', {
          ...where,
          type: envelope.type,
          id: envelope.id,
          attempt,
          infrastructure,
          retryInMs,
          error: describeError(error),
        });
        await pause(retryInMs, this.closing.signal);
        if (this.closing.signal.aborted) throw new Closing('inbox closing; message left for redelivery');
        await payload.heartbeat();
      }
    }
  }

  private process(
    envelope: IntegrationEnvelope,
    delivery: { topic: string; partition: number; offset: string; key: string | null; headers: Record<string, string>; attempt: number },
  ): Promise<InboxOutcome> {
    const handler = this.getHandlerByPattern(envelope.type);
    // The producer's correlation id goes on into the handler's logs, events and messages.
    const correlationId = envelope.correlationId ?? delivery.headers[HEADERS.correlationId] ?? envelope.id;
    const committed: (() => Promise<void> | void)[] = [];
    return withCorrelationId(correlationId, async () => {
      const outcome = await this.options.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          'INSERT INTO msg_inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id',
          [this.consumerName, envelope.id],
        );
        if (inserted.length === 0) return 'duplicate';
        if (!handler) return 'unhandled';
        const afterCommit = (effect: () => Promise<void> | void) => void committed.push(effect);
        const context = new InboxContext([{ consumer: this.consumerName, manager, afterCommit, ...delivery }]);
        const result: unknown = await handler(envelope, context);
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        return 'handled' as const;
      });
      for (const effect of committed) {
        try {
          await effect();
        } catch (error) {
          this.log.error('effect after commit failed', { type: envelope.type, id: envelope.id, error: describeError(error) });
        }
      }
      return outcome;
    });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    headers: Record<string, string>,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const dlq = deadLetterTopic(topic);
    this.log.error('message dead-lettered', { topic, partition, offset: message.offset, dlq, attempts, error: describeError(error) });
    await this.producer!.send({
      topic: dlq,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: deadLetterHeaders(headers, {
            error,
            attempts,
            consumer: this.consumerName,
            topic,
            partition,
            offset: message.offset,
            failedAt: new Date(),
          }),
        },
      ],
    });
  }
}

function parseEnvelope(message: KafkaMessage, headers: Record<string, string>): IntegrationEnvelope {
  if (!message.value) throw new PoisonMessage('message has no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    throw new PoisonMessage(`message value is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PoisonMessage('message value is not a JSON object');
  const candidate = parsed as Partial<IntegrationEnvelope>;
  const id = typeof candidate.id === 'string' ? candidate.id : headers[HEADERS.messageId];
  const type = typeof candidate.type === 'string' ? candidate.type : headers[HEADERS.messageType];
  if (!id) throw new PoisonMessage('message has no id');
  if (!type) throw new PoisonMessage('message has no type');
  return { ...(candidate as IntegrationEnvelope), id, type };
}

/**
 * `@EventPattern(type)` bound to this transport. Nest 12 types `@EventPattern` handlers as
 * `(data, ...args: unknown[])`, which rejects a typed `@Ctx() context: InboxContext` parameter.
 */
export function InboxEventPattern(type: string): MethodDecorator {
  return EventPattern<string>(type, KAFKA_INBOX_TRANSPORT);
}
