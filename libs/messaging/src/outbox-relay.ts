import { Partitioners, type Kafka, type Message, type Producer, type RetryOptions } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { backoffDelay, pause, type BackoffOptions } from './backoff';
import { jsonLogger, type MessagingLogger } from './kafka-client';
import { HEADERS } from '@app/contracts';
import { describeError, toKafkaHeaders } from './kafka-headers';

export interface OutboxRelayOptions {
  /** Pool of the service's own database (the one holding es_outbox). One client is held while leading. */
  readonly pool: Pool;
  readonly kafka: Kafka;
  readonly batchSize?: number;
  /** Safety poll besides LISTEN es_outbox. */
  readonly pollIntervalMs?: number;
  /** How often a relay that is not the leader tries to take the lock. */
  readonly lockRetryMs?: number;
  /** Delays between attempts while the broker (or the database) is unavailable. */
  readonly backoff?: BackoffOptions;
  /** kafkajs' own retries inside one send; the relay's backoff takes over after them. */
  readonly producerRetry?: RetryOptions;
  readonly logger?: MessagingLogger;
}

export interface OutboxLag {
  readonly pending: number;
  readonly oldestPendingSeconds: number;
}

interface OutboxRow {
  readonly id: string;
  readonly topic: string;
  readonly message_key: string;
  readonly message: unknown;
  readonly headers: unknown;
  /** Set once, when the row is first about to be sent (see NUMBER_BATCH). */
  readonly topic_seq: string | null;
}

/** Session advisory lock (two-key form, so it cannot meet the migrations' single-key lock). */
const RELAY_LOCK = [0x6f757462, 1] as const;

/**
 * Marks the batch just sent as published and reads the next one, in one round trip. The SELECT
 * sees the table as it was before the UPDATE (one snapshot per statement), hence the exclusion.
 * `ORDER BY es_outbox.id`, not `id`: that would sort by the text output column.
 */
const MARK_AND_READ_NEXT = `
WITH done AS (UPDATE es_outbox SET published_at = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL)
SELECT id::text, topic, message_key, message, headers, topic_seq::text FROM es_outbox
 WHERE published_at IS NULL AND id <> ALL($1::bigint[])
 ORDER BY es_outbox.id LIMIT $2`;

/**
 * Numbers the rows of a batch that have no topic sequence yet, per topic in outbox order, after
 * the topic's last number. Only the leader runs it, and a row keeps its number through re-sends,
 * so each topic's numbers run 1, 2, 3, … without gaps in publication order. The UPDATE names the
 * ids itself (`o.id = ANY($1)`): joined only through the CTEs, the planner may scan the whole
 * outbox for each batch, which grows with every message ever sent (42 ms a batch at 100,000 rows).
 */
const NUMBER_BATCH = `
WITH batch AS (SELECT id, topic, row_number() OVER (PARTITION BY topic ORDER BY id) AS n
                 FROM es_outbox WHERE id = ANY($1::bigint[]) AND topic_seq IS NULL),
counts AS (SELECT topic, count(*) AS c FROM batch GROUP BY topic),
bumped AS (INSERT INTO es_topic_sequences AS s (topic, last_seq) SELECT topic, c FROM counts
           ON CONFLICT (topic) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
           RETURNING topic, last_seq)
UPDATE es_outbox o SET topic_seq = b.last_seq - c.c + batch.n
  FROM batch JOIN counts c USING (topic) JOIN bumped b USING (topic)
 WHERE o.id = ANY($1::bigint[]) AND o.id = batch.id
RETURNING o.id::text, o.topic_seq::text`;

/**
 * Publishes the outbox of one database to Kafka, in id order, then marks the rows published.
 * One relay leads per database (session advisory lock); the others wait to take over. Rows stay
 * pending while the broker is down and go out in order when it is back: at least once, never
 * reordered per key (consumers dedupe by message id).
 *
 * Woken by `LISTEN es_outbox`, by `wake()` from a committer in the same process, and by a poll.
 * A wake at low load sends at once; under load the rows committed while a batch is in flight go
 * out together in the next one (up to `batchSize`), each batch marked in the statement that reads
 * the next.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly lockRetryMs: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: MessagingLogger;
  private stopController = new AbortController();
  private running?: Promise<void>;
  private producer?: Producer;
  private wakeRequested = false;
  private wakeWaiter?: () => void;
  private leading = false;
  private published = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.lockRetryMs = options.lockRetryMs ?? 2000;
    this.backoff = options.backoff ?? { initialMs: 250, maxMs: 15000 };
    this.logger = options.logger ?? jsonLogger('outbox-relay');
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Messages this relay has published since it was created. */
  get publishedTotal(): number {
    return this.published;
  }

  start(): void {
    if (this.running) return;
    this.stopController = new AbortController();
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
  }

  /** Finishes the batch in flight, releases the lock and disconnects. */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.wake();
    await this.running;
  }

  /** Outbox rows not yet published, and the age of the oldest one. */
  async lag(): Promise<OutboxLag> {
    const { rows } = await this.options.pool.query<{ pending: number; oldest: number }>(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest
         FROM es_outbox WHERE published_at IS NULL`,
    );
    return { pending: rows[0].pending, oldestPendingSeconds: rows[0].oldest };
  }

  private get stopping(): boolean {
    return this.stopController.signal.aborted;
  }

  /**
   * Asks the relay to look for new rows now: call it after a commit that wrote outbox rows in this
   * process (no NOTIFY round trip, no delay). Cheap and idempotent; wakes during a send coalesce
   * into the next read. Only the leader acts on it.
   */
  readonly wake = (): void => {
    this.wakeRequested = true;
    this.wakeWaiter?.();
  };

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let session: PoolClient | undefined;
      try {
        session = await this.acquireLeadership();
        if (!session) break;
        failures = 0;
        await this.relayWhileLeading(session);
      } catch (error) {
        failures += 1;
        const retryInMs = backoffDelay(failures, this.backoff);
        this.logger.warn('outbox relay lost its database session', { error: describeError(error), retryInMs });
        await pause(retryInMs, this.stopController.signal);
      } finally {
        this.leading = false;
        if (session) {
          session.removeAllListeners('notification');
          session.release(true);
        }
      }
    }
    await this.closeProducer();
  }

  private async acquireLeadership(): Promise<PoolClient | undefined> {
    while (!this.stopping) {
      const client = await this.options.pool.connect();
      client.on('error', this.onSessionError);
      try {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [...RELAY_LOCK]);
        if (rows[0].locked) {
          client.on('notification', this.wake);
          await client.query('LISTEN es_outbox');
          this.leading = true;
          this.logger.info('outbox relay leads');
          return client;
        }
      } catch (error) {
        client.release(true);
        throw error;
      }
      client.removeListener('error', this.onSessionError);
      client.release();
      await pause(this.lockRetryMs, this.stopController.signal);
    }
    return undefined;
  }

  private onSessionError = (error: Error): void => {
    this.logger.warn('outbox relay session error', { error: describeError(error) });
    this.wake();
  };

  private async relayWhileLeading(session: PoolClient): Promise<void> {
    let failures = 0;
    /** Ids sent but not yet marked: marked by the next read, or on the way out. */
    let sent: string[] = [];
    try {
      while (!this.stopping) {
        this.wakeRequested = false;
        const { rows } = await session.query<OutboxRow>({
          name: 'outbox_mark_and_read_next',
          text: MARK_AND_READ_NEXT,
          values: [sent, this.batchSize],
        });
        sent = [];
        if (rows.length === 0) {
          await this.idle();
          continue;
        }
        const numbered = await this.numbered(session, rows);
        try {
          await this.publish(numbered);
        } catch (error) {
          failures += 1;
          const retryInMs = backoffDelay(failures, this.backoff);
          this.logger.warn('outbox publish failed; rows stay pending', {
            error: describeError(error),
            attempt: failures,
            retryInMs,
            firstPendingId: rows[0].id,
          });
          await this.closeProducer();
          await pause(retryInMs, this.stopController.signal);
          continue;
        }
        if (failures > 0) this.logger.info('outbox publishing resumed', { afterFailures: failures });
        failures = 0;
        sent = rows.map((r) => r.id);
        this.published += rows.length;
      }
    } finally {
      // Stopping (or a failed read) after a send: mark what went out if the session still can.
      if (sent.length > 0) {
        await session
          .query('UPDATE es_outbox SET published_at = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL', [sent])
          .catch(() => undefined);
      }
    }
  }

  /** The batch with every row's topic sequence, numbering the rows sent for the first time. */
  private async numbered(session: PoolClient, rows: readonly OutboxRow[]): Promise<OutboxRow[]> {
    const fresh = rows.filter((row) => row.topic_seq === null).map((row) => row.id);
    if (fresh.length === 0) return [...rows];
    const { rows: assigned } = await session.query<{ id: string; topic_seq: string }>({
      name: 'outbox_number_batch',
      text: NUMBER_BATCH,
      values: [fresh],
    });
    const numbers = new Map(assigned.map((row) => [row.id, row.topic_seq]));
    return rows.map((row) => (row.topic_seq === null ? { ...row, topic_seq: numbers.get(row.id) ?? null } : row));
  }

  private async publish(rows: readonly OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      const topicSequence = Number(row.topic_seq);
      const value = JSON.stringify({ ...(row.message as object), topicSequence });
      messages.push({
        key: row.message_key,
        value,
        headers: { ...toKafkaHeaders(row.headers), [HEADERS.topicSequence]: String(topicSequence) },
      });
      byTopic.set(row.topic, messages);
    }
    const producer = await this.connectedProducer();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: this.options.producerRetry ?? { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    return producer;
  }

  /** A failed send may leave the idempotent producer's sequence state unknown: start afresh. */
  private async closeProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async idle(): Promise<void> {
    if (this.wakeRequested || this.stopping) return;
    const woken = new AbortController();
    this.wakeWaiter = () => woken.abort();
    try {
      await pause(this.pollIntervalMs, AbortSignal.any([woken.signal, this.stopController.signal]));
    } finally {
      this.wakeWaiter = undefined;
    }
  }
}
