import { createHash } from 'node:crypto';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@app/domain';
import type { EventSourcing, SealedEvent } from '@app/eventstore';
import { backoffDelay, pause } from '@app/messaging';
import type { Logger, Metrics } from '@app/platform';

export interface LogReaction {
  /** Stable name: the checkpoint, the lock key, the metric label and the log field. */
  readonly name: string;
  /** Event types it reacts to; the others only move its checkpoint. */
  readonly handles: readonly string[];
  /**
   * Acts on one event by sending commands. It may run more than once for an event (a crash
   * between the command and the checkpoint), so every command it sends must be idempotent
   * (a decider that records nothing the second time, or a derived idempotency key).
   */
  react(event: SealedEvent): Promise<void>;
}

export interface LogReactorPass {
  /** False when another instance held the reaction's lock. */
  readonly ran: boolean;
  readonly reacted: number;
  /** Events whose reaction failed for good (a domain error other than a conflict): logged, counted, passed over. */
  readonly refused: number;
}

/** Sealed events read per round. */
const BATCH = 200;
/** Poll for what another process sealed (this process's seals wake the reactor at once). */
const IDLE_MS = 1000;

/**
 * A process manager of the service's own log: follows the seal (woken in-process by the sealer, and
 * polling, so it holds no LISTEN connection of the pool) with a checkpoint in `es_checkpoints` (`reaction:<name>`), reacting to each handled event in seal order,
 * one instance at a time across processes (a transaction-scoped advisory lock). At least once per
 * event, so effectively once with idempotent commands; a restart resumes after the last event that
 * was acted on. A reaction that fails with a conflict (e.g. the registry view has not caught up) or
 * an infrastructure error is retried with backoff from that event on; one that a decider refuses
 * for good is logged with its code, counted on `log_reaction_refusals_total` and passed over.
 */
export class LogReactor {
  private readonly lockKey: readonly [number, number];
  private readonly checkpoint: string;
  private failures = 0;
  private abort?: AbortController;
  private loop?: Promise<void>;
  private unsubscribe?: () => void;
  private wakeUp?: AbortController;
  private pendingWake = false;

  constructor(
    private readonly reaction: LogReaction,
    private readonly sourcing: EventSourcing,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.checkpoint = `reaction:${reaction.name}`;
    const digest = createHash('sha256').update(`log-reaction:${reaction.name}`).digest();
    this.lockKey = [digest.readInt32BE(0), digest.readInt32BE(4)];
  }

  start(): Promise<void> {
    if (this.loop) return Promise.resolve();
    this.abort = new AbortController();
    this.unsubscribe = this.sourcing.onSealed(() => this.wake());
    this.loop = this.runForever(this.abort.signal);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.abort?.abort();
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  private wake(): void {
    this.pendingWake = true;
    this.wakeUp?.abort();
  }

  private async runForever(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      this.pendingWake = false;
      const wait = await this.round();
      if (signal.aborted || this.pendingWake || wait === 0) continue;
      // stop() aborts the run and wakes this pause.
      this.wakeUp = new AbortController();
      await pause(wait, this.wakeUp.signal);
      this.wakeUp = undefined;
    }
  }

  /** Reacts to everything sealed so far, now (a test, or an on-demand route). */
  async catchUp(): Promise<LogReactorPass> {
    let reacted = 0;
    let refused = 0;
    for (;;) {
      const pass = await this.pass();
      if (!pass.ran) return { ran: false, reacted, refused };
      reacted += pass.reacted;
      refused += pass.refused;
      if (!pass.more) return { ran: true, reacted, refused };
    }
  }

  private async round(): Promise<number> {
    try {
      const pass = await this.pass();
      this.failures = 0;
      return pass.more ? 0 : IDLE_MS;
    } catch (error) {
      this.failures += 1;
      const delay = backoffDelay(this.failures, { initialMs: IDLE_MS, maxMs: 30_000 });
      this.logger.warn({ reaction: this.reaction.name, err: error, retryInMs: delay }, 'log reaction failed; retrying');
      return delay;
    }
  }

  private async pass(): Promise<LogReactorPass & { readonly more: boolean }> {
    const runner = this.sourcing.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_xact_lock($1, $2) AS locked', [...this.lockKey])) as {
        locked: boolean;
      }[];
      try {
        if (!locked) return { ran: false, reacted: 0, refused: 0, more: false };
        return await this.react();
      } finally {
        await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }

  /** One batch after the checkpoint; the checkpoint moves past each event once its reaction is done. */
  private async react(): Promise<LogReactorPass & { readonly more: boolean }> {
    const { pool, store } = this.sourcing;
    await pool.query('INSERT INTO es_checkpoints (name, seq) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING', [this.checkpoint]);
    const { rows } = await pool.query<{ seq: string }>('SELECT seq FROM es_checkpoints WHERE name = $1', [this.checkpoint]);
    const events = await store.readSealed(Number(rows[0].seq), BATCH);
    const handles = new Set(this.reaction.handles);
    let reacted = 0;
    let refused = 0;
    let done: number | undefined;
    try {
      for (const event of events) {
        if (handles.has(event.type)) {
          if (await this.reactTo(event)) reacted += 1;
          else refused += 1;
        }
        done = event.seq;
      }
    } finally {
      if (done !== undefined) {
        await pool.query('UPDATE es_checkpoints SET seq = GREATEST(seq, $2), updated_at = now() WHERE name = $1', [this.checkpoint, done]);
      }
    }
    return { ran: true, reacted, refused, more: events.length === BATCH };
  }

  /** True when acted on; false when refused for good. Throws what is worth retrying. */
  private async reactTo(event: SealedEvent): Promise<boolean> {
    try {
      await this.reaction.react(event);
      return true;
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'conflict') throw error;
      this.metrics
        .counter({
          name: 'log_reaction_refusals_total',
          help: 'Events a log reaction gave up on (refused by a decider)',
          labelNames: ['reaction', 'code'],
        })
        .inc({ reaction: this.reaction.name, code: error.code });
      this.logger.error(
        { reaction: this.reaction.name, eventId: event.eventId, seq: event.seq, code: error.code, err: error },
        'log reaction refused; passed over',
      );
      return false;
    }
  }
}

/**
 * A log reaction as a Nest provider: started with the application, stopped with it. Subclasses
 * name the reaction, list the event types and implement `react`.
 */
export abstract class LogReactionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reactor: LogReactor;

  protected constructor(reaction: Pick<LogReaction, 'name' | 'handles'>, sourcing: EventSourcing, logger: Logger, metrics: Metrics) {
    this.reactor = new LogReactor({ ...reaction, react: (event) => this.react(event) }, sourcing, logger, metrics);
  }

  protected abstract react(event: SealedEvent): Promise<void>;

  onApplicationBootstrap(): Promise<void> {
    return this.reactor.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.reactor.stop();
  }

  /** Reacts to everything sealed so far, now. */
  catchUp(): Promise<LogReactorPass> {
    return this.reactor.catchUp();
  }
}
