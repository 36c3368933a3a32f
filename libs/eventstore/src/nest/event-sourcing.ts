import { type Pool } from 'pg';
import { DataSource, type EntitySchema, type MigrationInterface, type MixedList } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { assertSha256KnownAnswer, assertSm3KnownAnswer } from '@app/crypto';
import { checkpointTopic } from '@app/audit-bundle';
import { createKafka, ensureTopics, eventTopicSpecs, kafkaSecurity, OutboxRelay, type TopicSpec } from '@app/messaging';
import {
  auditPaths,
  postgresConnection,
  type HealthCheck,
  type Logger,
  type Metrics,
  type MigrationEnv,
  type ServiceEnv,
} from '@app/platform';
import { guardedClientClass, guardedPool } from '../connections';
import { LogCheckpoints, loadOrCreateServiceKey, Witnesses, type WitnessDisagreement } from '../log-checkpoints';
import { verifyChain, type VerifyResult } from '../verify';
import { EventStore } from '../event-store';
import { ProjectionRunner, type Projection } from '../projection';
import { ensureDatabase, grantServiceRole, migrateEventStore, pendingEventStoreMigrations } from '../schema';
import { Sealer, type SealHalt } from '../sealer';
import type { HashAlgorithm } from '../stored-event';
import { type Upcasters } from '../upcasters';
import type { PersonalDataPolicy } from '../personal-data';

/**
 * A sealing round and a seal catch-up cost a fixed handful of statements however many events
 * they cover. Commands do not wait for either (their read models are written with the append,
 * the outbox is published from the append's rows), so under load each round gathers what many
 * commands appended; at rest a round still starts as soon as it is woken.
 */
const SEALER_MIN_INTERVAL_MS = 20;
/** The seal catch-up brings in only what other processes appended: this process's own are inline. */
const CATCH_UP_MIN_INTERVAL_MS = 100;

type EntityClass = abstract new (...args: never[]) => unknown;
export type MigrationClass = new () => MigrationInterface;

export interface EventSourcingOptions {
  /** Service name, the `source` of its integration events. */
  readonly source: string;
  readonly config: ServiceEnv;
  readonly hashAlgorithm?: HashAlgorithm;
  readonly entities: MixedList<EntityClass | string | EntitySchema>;
  readonly migrations: MixedList<MigrationClass | string>;
  /** The service's own read models: kept inline with every append, and rebuilt from the seal. */
  readonly projections: readonly Projection[];
  readonly upcasters?: Upcasters;
  /** Which values of which events are personal data: encrypted per subject in the log, erasable (personal-data.ts). */
  readonly personalData?: PersonalDataPolicy;
  /** Topics this service publishes to or reads from, created explicitly at start. */
  readonly topics: readonly TopicSpec[];
  readonly metrics?: Metrics;
  readonly logger?: Logger;
}

export interface MigrateOptions {
  /** The service's environment: its database, and the role (PGUSER) and password (PGPASSWORD) it runs as. */
  readonly config: ServiceEnv;
  /** The owner's credentials, which only this step holds. */
  readonly owner: MigrationEnv;
  readonly migrations: MixedList<MigrationClass | string>;
}

/**
 * Everything a service needs to keep its log: the store, the sealer, the projections and the
 * outbox relay, started and stopped in order. The schema is migrated beforehand, by the owner,
 * in a step of its own (`EventSourcing.migrate`, `npm run migrate`); the service itself connects
 * as its own role and refuses to run as a superuser or as the owner.
 */
export class EventSourcing {
  /** Listeners woken in this process each time the sealer seals a batch (process managers of the log). */
  private readonly sealedListeners = new Set<() => void>();
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
    readonly checkpoints: LogCheckpoints,
    private readonly options: EventSourcingOptions,
  ) {}

  /**
   * Creates the database if missing, migrates it as the owner, and creates or updates the
   * service's role (PGUSER, with PGPASSWORD stored as SCRAM-SHA-256) with only the rights it needs.
   */
  static async migrate(options: MigrateOptions): Promise<void> {
    const runtime = postgresConnection(options.config);
    const owner = { ...runtime, user: options.owner.PG_OWNER_USER, password: options.owner.PG_OWNER_PASSWORD };
    await ensureDatabase(owner, owner.database);
    const ownerPool = guardedPool({ ...owner, max: 2 }, () => undefined);
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
      await grantServiceRole(ownerPool, runtime.user, runtime.password);
    } finally {
      await ownerPool.end();
    }
  }

  /** Connects as the service role (PGUSER) to a database migrated beforehand. */
  static async open(options: EventSourcingOptions): Promise<EventSourcing> {
    const hashAlgorithm = options.hashAlgorithm ?? 'sm3';
    if (hashAlgorithm === 'sm3') assertSm3KnownAnswer();
    else assertSha256KnownAnswer();
    const runtime = postgresConnection(options.config);
    const logger = options.logger;
    // A session lost under a client (terminated, server restart) must not take the process down:
    // every pooled client handles its errors, and the pools replace lost clients.
    const onConnectionError = (error: Error) => logger?.warn({ err: error }, 'postgresql connection lost');
    const pool = guardedPool({ ...runtime, max: 6 }, onConnectionError);
    try {
      await assertRunsAsServiceRole(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    const dataSource = new DataSource({
      type: 'postgres',
      ...runtime,
      username: runtime.user,
      entities: options.entities,
      synchronize: false,
      migrationsRun: false,
      extra: { max: 10, Client: guardedClientClass(onConnectionError) },
      poolErrorHandler: onConnectionError,
    });
    await dataSource.initialize();
    const appends = options.metrics?.counter({ name: 'eventstore_appended_events_total', help: 'Events appended to the log' });
    const store = new EventStore(pool, {
      source: options.source,
      hashAlgorithm,
      upcasters: options.upcasters,
      personalData: options.personalData,
      onAppended: (count) => appends?.inc(count),
    });
    const halted = options.metrics?.gauge({
      name: 'eventstore_sealer_halted',
      help: '1 while sealing is stopped at an event whose content does not match its hash',
    });
    halted?.set(0);
    const sealedIn: { sourcing?: EventSourcing } = {};
    const sealer = new Sealer(pool, hashAlgorithm, {
      minIntervalMs: SEALER_MIN_INTERVAL_MS,
      onSealed: () => sealedIn.sourcing?.notifySealed(),
      onMismatch: (halt: SealHalt) => {
        halted?.set(1);
        logger?.error({ alarm: 'CONTENT_HASH_MISMATCH', ...halt }, 'sealer stopped at an event that does not match its hash');
      },
    });
    const projections = new ProjectionRunner(store, dataSource, options.projections, CATCH_UP_MIN_INTERVAL_MS);
    store.projectInline(projections);
    const kafka = createKafka({ clientId: options.source, brokers: options.config.KAFKA_BROKERS, ...kafkaSecurity(options.config) });
    const relay = new OutboxRelay({ pool, kafka });
    // This process's sealer and relay start as soon as an append commits. No NOTIFY for the
    // sealer: this process's own seals the append (looking again shortly when another process
    // holds the sealing lock); for the outbox only while another process's relay leads.
    store.onWake('es_appended', () => {
      sealer.wake();
      return true;
    });
    store.onWake('es_outbox', () => {
      relay.wake();
      return relay.isLeader;
    });
    const paths = auditPaths(options.config);
    const { key, created } = loadOrCreateServiceKey(paths.signingKeyFile, options.config.AUDIT_SIGNING_ALGORITHM);
    if (created) logger?.warn({ file: paths.signingKeyFile, fingerprint: key.fingerprint }, 'created a new checkpoint signing key');
    const checkpoints = new LogCheckpoints(pool, {
      service: options.source,
      hashAlgorithm,
      key,
      witness: new Witnesses(paths.witnessDirectories),
      publish: { onPublished: () => relay.wake() },
    });
    const sourcing = new EventSourcing(store, pool, dataSource, sealer, projections, relay, kafka, checkpoints, options);
    sealedIn.sourcing = sourcing;
    sourcing.registerLagGauge();
    return sourcing;
  }

  /**
   * Calls `listener` whenever this process's sealer has sealed a batch; answers the unsubscribe.
   * Costs no connection (a LISTEN holds one of the pool's few); another process's seal is seen
   * by polling.
   */
  onSealed(listener: () => void): () => void {
    this.sealedListeners.add(listener);
    return () => this.sealedListeners.delete(listener);
  }

  private notifySealed(): void {
    for (const listener of this.sealedListeners) listener();
  }

  /** The service's name, the `source` of its events and the `service` of its checkpoints. */
  get service(): string {
    return this.options.source;
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

  /**
   * The chain walk of `/audit/verify`, also against the newest signed checkpoint in each witness
   * directory and in the database (each must be signed by the service's key): the log must
   * reproduce their Merkle roots and reach their sizes. `witnessDisagreements` names the witness
   * directories whose copies are missing or differ (empty with one directory).
   */
  async verify(onProgress?: (checked: number) => void): Promise<VerifyResult & { witnessDisagreements: WitnessDisagreement[] }> {
    await this.sealer.sealPending();
    const witnesses = this.checkpoints.witness;
    const witnessDisagreements = witnesses.disagreements();
    const candidates = [
      ...witnesses.latestOfEach().map(({ directory, checkpoint }) => ({
        origin: `witness directory ${directory}`,
        checkpoint: checkpoint,
      })),
      { origin: 'database', checkpoint: await this.checkpoints.get() },
    ];
    const anchors = [];
    for (const { origin, checkpoint } of candidates) {
      if (!checkpoint) continue;
      if (!this.checkpoints.signedByService(checkpoint)) {
        return {
          ok: false,
          eventsChecked: 0,
          position: null,
          seq: null,
          reason: 'CHECKPOINT_SIGNATURE_INVALID',
          detail: `checkpoint ${checkpoint.body.number} in the ${origin} is not signed by the service's key`,
          witnessDisagreements,
        };
      }
      anchors.push(checkpoint.body);
    }
    return { ...(await verifyChain(this.pool, this.store.hashAlgorithm, onProgress, { checkpoints: anchors })), witnessDisagreements };
  }

  /**
   * Ready while the database answers: commands need nothing else. Kafka (commands go on through
   * the outbox while it is away), the outbox backlog and the sealer are degraded detail.
   */
  healthChecks(): HealthCheck[] {
    return [
      { name: 'postgresql', check: async () => void (await this.pool.query('SELECT 1')) },
      {
        name: 'kafka',
        critical: false,
        check: async () => {
          // One attempt: a readiness probe must not leave retries (and their timers) behind while Kafka is away.
          const admin = this.kafka.admin({ retry: { retries: 0 } });
          try {
            await admin.connect();
            await admin.describeCluster();
          } finally {
            await admin.disconnect().catch(() => undefined);
          }
        },
      },
      {
        name: 'outbox',
        critical: false,
        check: async () => ({ pending: (await this.relay.lag()).pending }),
      },
      {
        name: 'sealer',
        critical: false,
        check: () => {
          const halt = this.sealer.halt;
          if (halt) throw Object.assign(new Error(halt.detail), { code: 'CONTENT_HASH_MISMATCH', detail: halt });
          return Promise.resolve();
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
          await ensureTopics(admin, [...this.options.topics, eventTopicSpecs(checkpointTopic(this.options.source), 1)[0]]);
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

/** The service holds neither superuser nor owner rights, and its schema is migrated. */
async function assertRunsAsServiceRole(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ role: string; superuser: boolean; owner: string | null }>(
    `SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'es_events') AS owner`,
  );
  const { role, superuser, owner } = rows[0];
  if (superuser)
    throw new Error(`the service connects as ${role}, a superuser: give it its own role (PGUSER) and run the migration step as the owner`);
  if (owner === null) throw new Error('the database has no event store: run the migration step (npm run migrate) first');
  const { rows: member } = await pool.query<{ owns: boolean }>(`SELECT pg_has_role(current_user, $1, 'MEMBER') AS owns`, [owner]);
  if (member[0].owns) throw new Error(`the service connects as ${role}, which owns the schema: give it its own role (PGUSER)`);
  const pending = await pendingEventStoreMigrations(pool);
  if (pending.length > 0)
    throw new Error(`event store migrations ${pending.join(', ')} are not applied: run the migration step (npm run migrate)`);
}
