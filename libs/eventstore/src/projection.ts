import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { type EventStore } from './event-store';
import { ListeningLoop } from './listening-loop';
import type { SealedEvent } from './stored-event';

/**
 * A read model kept from the sealed log: one per query, idempotent, versioned and rebuildable.
 * Bumping `version` makes the runner clear the model (`reset`) and replay the log from the start.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  /** Event types it reads; others only advance its checkpoint. */
  readonly handles: readonly string[];
  apply(event: SealedEvent, manager: EntityManager): Promise<void>;
  /** Applies a batch in order at once (e.g. one write per row touched); used instead of `apply` when given. */
  applyAll?(events: readonly SealedEvent[], manager: EntityManager): Promise<void>;
  reset(manager: EntityManager): Promise<void>;
}

const BATCH = 500;

/**
 * Runs projections from the seal, each in a transaction that updates the read model and the
 * checkpoint together, so a crash never applies an event twice or loses one.
 */
export class ProjectionRunner {
  private readonly loop: ListeningLoop;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly projections: readonly Projection[],
  ) {
    this.loop = new ListeningLoop(store.pool, 'es_sealed', () => this.catchUp(), 1000);
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Brings every projection up to the end of the seal. */
  async catchUp(): Promise<void> {
    for (const projection of this.projections) {
      await this.prepare(projection);
      while ((await this.applyBatch(projection)) === BATCH);
    }
    for (const notify of this.waiters) notify();
  }

  /** Resolves once every projection has applied the event at `position` (read-your-writes). */
  async waitFor(position: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.hasApplied(position)) return;
      if (Date.now() > deadline) throw new Error(`read models did not reach position ${position} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, 100);
        this.waiters.add(done);
      });
    }
  }

  private async hasApplied(position: number): Promise<boolean> {
    const { rows } = await this.store.pool.query<{ applied: boolean }>(
      `SELECT coalesce(bool_and(c.seq >= s.seq), false) AS applied
         FROM es_seal s, es_checkpoints c
        WHERE s.position = $1 AND c.name = ANY($2)`,
      [position, this.projections.map(checkpointName)],
    );
    return rows[0].applied;
  }

  private async prepare(projection: Projection): Promise<void> {
    const name = checkpointName(projection);
    const { rows } = await this.store.pool.query('SELECT 1 FROM es_checkpoints WHERE name = $1', [name]);
    if (rows.length > 0) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
      const again: unknown[] = await manager.query('SELECT 1 FROM es_checkpoints WHERE name = $1', [name]);
      if (again.length > 0) return;
      await projection.reset(manager);
      await manager.query('INSERT INTO es_checkpoints (name, seq) VALUES ($1, 0)', [name]);
    });
  }

  private async applyBatch(projection: Projection): Promise<number> {
    const name = checkpointName(projection);
    return this.dataSource.transaction(async (manager) => {
      const [checkpoint]: { seq: string }[] = await manager.query('SELECT seq FROM es_checkpoints WHERE name = $1 FOR UPDATE', [name]);
      const events = await this.store.readSealed(Number(checkpoint.seq), BATCH, queryable(manager));
      const handled = events.filter((event) => projection.handles.includes(event.type));
      if (projection.applyAll) await projection.applyAll(handled, manager);
      else for (const event of handled) await projection.apply(event, manager);
      if (events.length > 0) {
        await manager.query('UPDATE es_checkpoints SET seq = $2, updated_at = now() WHERE name = $1', [name, events.at(-1)!.seq]);
      }
      return events.length;
    });
  }
}

function checkpointName(projection: Projection): string {
  return `${projection.name}@v${projection.version}`;
}

/** Lets the store's plain-SQL readers run inside a TypeORM transaction. */
function queryable(manager: EntityManager): Pool {
  return {
    query: async (text: string, params: unknown[]) => ({ rows: await manager.query<unknown[]>(text, params) }),
  } as unknown as Pool;
}
