import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type EventStore,
  type FoldedStream,
  type InlineProjection,
  type InlineWrite,
  type PendingEvent,
  type Queryable,
} from './event-store';
import { ListeningLoop } from './listening-loop';
import type { SealedEvent, StoredEvent } from './stored-event';

/**
 * A read model of the service's own log: one per query, idempotent, versioned and rebuildable.
 * Bumping `version` makes the runner clear the model (`reset`) and replay the sealed log at start.
 *
 * Events reach a projection twice: inline, in the transaction that appends them (so a command's
 * own read models are current when it answers), and later from the seal (for rebuilds and for
 * events another writer appended). A projection must therefore skip an event it has already
 * applied and never apply one out of stream order: e.g. keep the stream version on each row,
 * skip events at or below it, and stop at a gap (the seal brings the missing event later, in
 * order). Inline events are not sealed yet: a projection must not depend on a seal `seq`.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  /** Event types it reads; others only advance its checkpoint. */
  readonly handles: readonly string[];
  apply(event: StoredEvent, manager: EntityManager): Promise<void>;
  /**
   * Applies a batch in order at once (e.g. one write per row touched); used instead of `apply` when given.
   * Inline, `folded` may offer the state the command path folded the stream to before these events
   * (see FoldedStream): a projection keeping exactly that fold may start from it instead of its row.
   */
  applyAll?(events: readonly StoredEvent[], manager: EntityManager, folded?: FoldedStream): Promise<void>;
  /**
   * The rows an append's events make, as SQL the store runs inside the append's own statement
   * (see InlineWrite), told from the command path's fold alone — what `applyAll` would write
   * given `folded`. `undefined` when it cannot tell them without reading its tables (then the
   * append runs in a transaction with `applyAll`). Offered only with a fold of the whole stream.
   */
  inlineWrites?(events: readonly PendingEvent[], folded: FoldedStream): readonly InlineWrite[] | undefined;
  reset(manager: EntityManager): Promise<void>;
}

/**
 * Sealed events per catch-up transaction. Large: the registry's projections cost a fixed number
 * of statements per batch (one read of the rows touched, one set-based write), so a rebuild's
 * round trips shrink with the batch, while a transaction of this size stays a few MB.
 */
const BATCH = 5000;
/** Inline-applied positions remembered at most (about 4 MB), e.g. while the seal is halted. */
const MAX_REMEMBERED_INLINE = 50_000;

/**
 * Keeps the projections. Inline: `transaction` runs an append and applies its events on the same
 * connection and transaction, so the read models commit with the events or not at all. From the
 * seal: each projection follows the sealed log with a checkpoint updated in the read model's
 * transaction, which rebuilds a new projection version at start and brings in events that were
 * not appended inline. Crash safety: an inline append commits events and read model together; a
 * seal batch commits rows and checkpoint together; an event seen on both paths is skipped by the
 * projection's version guard. The seal holds only events whose content hash the sealer
 * recomputed, so a row forged behind the service's back never reaches a read model.
 */
export class ProjectionRunner implements InlineProjection {
  private readonly loop: ListeningLoop;
  /**
   * Positions of events this process committed together with every projection's rows (inline):
   * their second arrival, from the seal, only moves the checkpoints. Forgetting one costs only
   * the redundant apply that the projections' version guard turns into a no-op.
   */
  private readonly appliedInline = new Set<number>();
  /** Checkpoints known to exist: a checkpoint row, once made for a projection version, stays. */
  private readonly prepared = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly projections: readonly Projection[],
    /** Least time between two catch-ups started by the loop (see ListeningLoop); 0 by default. */
    minIntervalMs = 0,
  ) {
    this.loop = new ListeningLoop(store.pool, 'es_sealed', () => this.catchUp(), 1000, minIntervalMs);
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /**
   * Brings every projection up to the end of the seal (rebuilding a new version from the start),
   * reading the log once for all of them: each batch goes to every projection whose checkpoint it
   * passes, and their checkpoints move in the same transaction.
   */
  async catchUp(): Promise<void> {
    for (;;) {
      for (const projection of this.projections) await this.prepare(projection);
      let next: ReadAhead | undefined;
      for (;;) {
        const { count, readAhead, unprepared } = await this.applyBatch(next);
        // A checkpoint was removed behind the runner's back (to rebuild): prepare it again first.
        if (unprepared) break;
        next = readAhead;
        if (count < BATCH) return;
      }
    }
  }

  async transaction<T>(
    work: (client: PoolClient, project: (events: readonly StoredEvent[], folded?: FoldedStream) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      let applied: readonly StoredEvent[] = [];
      const result = await work(client, async (events, folded) => {
        await this.applyInline(events, runner.manager, folded);
        applied = events;
      });
      await runner.commitTransaction();
      this.committed(applied);
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Every projection's writes for these events from the fold alone, or `undefined` if one cannot tell them. */
  writesFor(events: readonly PendingEvent[], folded: FoldedStream): readonly InlineWrite[] | undefined {
    const writes: InlineWrite[] = [];
    for (const projection of this.projections) {
      const { handled, whole } = reaching(projection, events, folded);
      if (handled.length === 0) continue;
      const own = whole ? projection.inlineWrites?.(handled, folded) : undefined;
      if (!own) return undefined;
      writes.push(...own);
    }
    return writes;
  }

  committed(events: readonly StoredEvent[]): void {
    if (this.appliedInline.size > MAX_REMEMBERED_INLINE) this.appliedInline.clear();
    for (const event of events) this.appliedInline.add(event.position);
  }

  private async applyInline(events: readonly StoredEvent[], manager: EntityManager, folded?: FoldedStream): Promise<void> {
    for (const projection of this.projections) await applyTo(projection, events, manager, folded);
  }

  private async prepare(projection: Projection): Promise<void> {
    const name = checkpointName(projection);
    if (this.prepared.has(name)) return;
    const { rows } = await this.store.pool.query('SELECT 1 FROM es_checkpoints WHERE name = $1', [name]);
    if (rows.length > 0) {
      this.prepared.add(name);
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
      const again: unknown[] = await manager.query('SELECT 1 FROM es_checkpoints WHERE name = $1', [name]);
      if (again.length > 0) return;
      await projection.reset(manager);
      await manager.query('INSERT INTO es_checkpoints (name, seq) VALUES ($1, 0)', [name]);
    });
    // The rows applied inline are gone with the reset: the rebuild must apply those events again.
    this.appliedInline.clear();
  }

  /**
   * One catch-up transaction. The sealed log never changes, so the next batch is read on another
   * connection while this one is applied (`readAhead`), and taken if it starts where the
   * checkpoints now stand.
   */
  private async applyBatch(prefetched?: ReadAhead): Promise<{ count: number; readAhead?: ReadAhead; unprepared?: boolean }> {
    const names = this.projections.map(checkpointName);
    if (names.length === 0) return { count: 0 };
    return this.dataSource.transaction(async (manager) => {
      const checkpoints: { name: string; seq: string }[] = await manager.query(
        'SELECT name, seq FROM es_checkpoints WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE',
        [names],
      );
      const seqOf = new Map(checkpoints.map((row) => [row.name, Number(row.seq)]));
      const missing = names.filter((name) => !seqOf.has(name));
      if (missing.length > 0) {
        for (const name of missing) this.prepared.delete(name);
        return { count: 0, unprepared: true };
      }
      const from = Math.min(...names.map((name) => seqOf.get(name) ?? 0));
      let events: SealedEvent[];
      if (prefetched?.afterSeq === from) events = await prefetched.events;
      else events = await this.store.readSealed(from, BATCH, queryable(manager));
      if (events.length === 0) return { count: 0 };
      const last = events.at(-1)!.seq;
      const fresh = this.appliedInline.size === 0 ? events : events.filter((event) => !this.appliedInline.delete(event.position));
      const readAhead = events.length === BATCH ? readAheadFrom(this.store, last) : undefined;
      for (const projection of this.projections) {
        const after = seqOf.get(checkpointName(projection)) ?? 0;
        await applyTo(projection, after === from ? fresh : fresh.filter((event) => event.seq > after), manager);
      }
      // GREATEST: a projection already past this batch keeps its checkpoint.
      await manager.query('UPDATE es_checkpoints SET seq = GREATEST(seq, $2), updated_at = now() WHERE name = ANY($1::text[])', [
        names,
        last,
      ]);
      return { count: events.length, readAhead };
    });
  }
}

/** The next sealed batch, being read while the current one is applied. */
interface ReadAhead {
  readonly afterSeq: number;
  readonly events: Promise<SealedEvent[]>;
}

/** A read ahead that may be dropped: its failure counts only if someone awaits it. */
function readAheadFrom(store: EventStore, afterSeq: number): ReadAhead {
  const events = store.readSealed(afterSeq, BATCH);
  events.catch(() => undefined);
  return { afterSeq, events };
}

async function applyTo(
  projection: Projection,
  events: readonly StoredEvent[],
  manager: EntityManager,
  folded?: FoldedStream,
): Promise<void> {
  const { handled, whole } = reaching(projection, events, folded);
  if (handled.length === 0) return;
  if (projection.applyAll) await projection.applyAll(handled, manager, whole ? folded : undefined);
  else for (const event of handled) await projection.apply(event, manager);
}

/**
 * The events a projection reads, and whether an offered fold is of the whole stream as it sees
 * it: only if every event of the append and every type folded into it reach the projection.
 */
function reaching<E extends { readonly type: string }>(
  projection: Projection,
  events: readonly E[],
  folded?: FoldedStream,
): { readonly handled: readonly E[]; readonly whole: boolean } {
  const handles = new Set(projection.handles);
  const handled = events.filter((event) => handles.has(event.type));
  const whole = folded !== undefined && handled.length === events.length && [...folded.types].every((type) => handles.has(type));
  return { handled, whole };
}

function checkpointName(projection: Projection): string {
  return `${projection.name}@v${projection.version}`;
}

/** Lets the store's plain-SQL readers run inside a TypeORM transaction. */
function queryable(manager: EntityManager): Queryable {
  return {
    query: async (text: string, params: unknown[]) => ({ rows: await manager.query<unknown[]>(text, params) }),
  } as unknown as Queryable;
}
