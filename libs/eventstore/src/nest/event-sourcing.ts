import { Pool } from 'pg';
import { DataSource, type EntitySchema, type MigrationInterface, type MixedList } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { assertSha256KnownAnswer, assertSm3KnownAnswer } from '@app/crypto';
import { createKafka, ensureTopics, OutboxRelay, type TopicSpec } from '@app/messaging';
import { postgresConnection, type HealthCheck, type Metrics, type ServiceEnv } from '@app/platform';
import { EventStore } from '../event-store';
import { ProjectionRunner, type Projection } from '../projection';
import { ensureDatabase, grantServiceRole, migrateEventStore } from '../schema';
import { Sealer } from '../sealer';
import type { HashAlgorithm } from '../stored-event';
import { type Upcasters } from '../upcasters';

type EntityClass = abstract new (...args: never[]) => unknown;
type MigrationClass = new () => MigrationInterface;

export interface EventSourcingOptions {
  /** Service name, the `source` of its integration events. */
  readonly source: string;
  readonly config: ServiceEnv;
  readonly hashAlgorithm?: HashAlgorithm;
  /** Role the service runs as after migrating: INSERT and SELECT only on the log. */
  readonly serviceRole?: string;
  readonly entities: MixedList<EntityClass | string | EntitySchema>;
  readonly migrations: MixedList<MigrationClass | string>;
  readonly projections: readonly Projection[];
  readonly upcasters?: Upcasters;
  /** Topics this service publishes to or reads from, created explicitly at start. */
  readonly topics: readonly TopicSpec[];
  readonly metrics?: Metrics;
}

/**
 * Everything a service needs to keep its log: database and schema, the store, the sealer, the
 * projections and the outbox relay, started and stopped in order.
 */
export class EventSourcing {
  private topicsReady = false;
  private stopped = false;
  private starting?: Promise<void>;

  private constructor(
    readonly store: EventStore,
    readonly pool: Pool,
    readonly dataSource: DataSource,
    readonly sealer: Sealer,
    readonly projections: ProjectionRunner,
    readonly relay: OutboxRelay,
    readonly kafka: Kafka,
    private readonly options: EventSourcingOptions,
  ) {}

  /** Creates the database if missing, migrates it as the owner, then connects as the service role. */
  static async open(options: EventSourcingOptions): Promise<EventSourcing> {
    const hashAlgorithm = options.hashAlgorithm ?? 'sm3';
    if (hashAlgorithm === 'sm3') assertSm3KnownAnswer();
    else assertSha256KnownAnswer();
    const owner = postgresConnection(options.config);
    await ensureDatabase(owner, owner.database);
    const ownerPool = new Pool({ ...owner, max: 2 });
    try {
      await migrateEventStore(ownerPool);
      const migrator = new DataSource({
        type: 'postgres',
        ...owner,
        username: owner.user,
        migrations: options.migrations,
        migrationsTableName: 'typeorm_migrations',
      });
      await migrator.initialize();
      try {
        await migrator.query('SELECT pg_advisory_lock(4243)');
        await migrator.runMigrations({ transaction: 'each' });
        await migrator.query('SELECT pg_advisory_unlock(4243)');
      } finally {
        await migrator.destroy();
      }
      if (options.serviceRole) await grantServiceRole(ownerPool, options.serviceRole);
    } finally {
      await ownerPool.end();
    }
    const runtime = { ...owner, user: options.serviceRole ?? owner.user, password: options.serviceRole ? undefined : owner.password };
    const pool = new Pool({ ...runtime, max: 10 });
    // An idle connection dropped by the server must not take the process down; the pool reconnects.
    pool.on('error', (error) => process.emitWarning(`postgresql pool: ${error.message}`));
    const dataSource = new DataSource({
      type: 'postgres',
      ...runtime,
      username: runtime.user,
      entities: options.entities,
      synchronize: false,
      migrationsRun: false,
      extra: { max: 5 },
    });
    await dataSource.initialize();
    const appends = options.metrics?.counter({ name: 'eventstore_appended_events_total', help: 'Events appended to the log' });
    const store = new EventStore(pool, {
      source: options.source,
      hashAlgorithm,
      upcasters: options.upcasters,
      onAppended: (count) => appends?.inc(count),
    });
    const sealer = new Sealer(pool, hashAlgorithm);
    const projections = new ProjectionRunner(store, dataSource, options.projections);
    const kafka = createKafka({ clientId: options.source, brokers: options.config.KAFKA_BROKERS });
    const relay = new OutboxRelay({ pool, kafka });
    const sourcing = new EventSourcing(store, pool, dataSource, sealer, projections, relay, kafka, options);
    sourcing.registerLagGauge();
    return sourcing;
  }

  async start(): Promise<void> {
    await this.sealer.start();
    await this.sealer.sealPending();
    await this.projections.catchUp();
    await this.projections.start();
    this.starting = this.createTopicsThenRelay();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await this.relay.stop();
    await this.projections.stop();
    await this.sealer.stop();
    await this.dataSource.destroy();
    await this.pool.end();
  }

  healthChecks(): HealthCheck[] {
    return [
      { name: 'postgresql', check: () => this.pool.query('SELECT 1') },
      {
        name: 'kafka',
        check: async () => {
          const admin = this.kafka.admin();
          await admin.connect();
          try {
            await admin.describeCluster();
          } finally {
            await admin.disconnect();
          }
        },
      },
    ];
  }

  /** Topics first (retried while the broker is away), then the relay: commands never wait for Kafka. */
  private async createTopicsThenRelay(): Promise<void> {
    for (let delay = 500; !this.topicsReady && !this.stopped; delay = Math.min(delay * 2, 10_000)) {
      try {
        const admin = this.kafka.admin();
        await admin.connect();
        try {
          await ensureTopics(admin, this.options.topics);
        } finally {
          await admin.disconnect();
        }
        this.topicsReady = true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    if (!this.stopped) this.relay.start();
  }

  private registerLagGauge(): void {
    const relay = this.relay;
    this.options.metrics?.gauge({
      name: 'outbox_pending_messages',
      help: 'Integration events written but not yet published',
      async collect() {
        this.set((await relay.lag()).pending);
      },
    });
  }
}
