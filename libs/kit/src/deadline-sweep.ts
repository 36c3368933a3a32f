import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import type { Logger, Metrics, Principal } from '@app/platform';
import type { CommandResponse } from './command-path';
import { commandContext, type CommandContext } from './command-context';
import { PeriodicJob } from './periodic-job';

/** Pause between two passes of a deadline sweep unless the feature provides another. */
export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

export interface DeadlineSweepPass {
  /** False when another instance held the sweep's lock, so this one did nothing. */
  readonly ran: boolean;
  /** Events the commands recorded (a second pass over the same day records none). */
  readonly acted: number;
}

/** What every sweep is given by its provider's constructor. */
export interface DeadlineSweepDeps {
  readonly commands: CommandBus;
  readonly dataSource: DataSource;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * A deadline sweep as a Nest provider (started and stopped with the application): a `PeriodicJob`
 * (one instance at a time, no state of its own) whose pass asks the feature for the items whose
 * deadline has passed as of today in China Standard Time and sends each the command that records
 * it. The deciders record a missed deadline once, so a repeated pass, a restart or a second
 * instance doubles nothing. One item that fails is logged and left for the next pass; it does not
 * hold up the others. Subclasses name the sweep and implement `due` and `command`.
 */
export abstract class DeadlineSweepService<Item> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly scheduled: PeriodicJob;
  private readonly principal: Principal;

  protected constructor(
    private readonly name: string,
    private readonly deps: DeadlineSweepDeps,
    private readonly intervalMs: number = DEFAULT_SWEEP_INTERVAL_MS,
  ) {
    this.principal = { personId: `service:${name}`, roles: [], units: [] };
    this.scheduled = this.job(() => new Date());
  }

  /** The items whose deadline passed before `today` (`YYYY-MM-DD`), each to be recorded once. */
  protected abstract due(today: string): Promise<readonly Item[]>;

  /** The bus command that records one item's missed deadline. */
  protected abstract command(item: Item, context: CommandContext): object;

  onApplicationBootstrap(): void {
    this.scheduled.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.scheduled.stop();
  }

  /** One pass now, under the same lock as the scheduled passes; `now` stands for the clock (tests look at a later day). */
  async runNow(now = new Date()): Promise<DeadlineSweepPass> {
    const pass = await this.job(() => now).runOnce();
    return { ran: pass.ran, acted: pass.processed };
  }

  private job(clock: () => Date): PeriodicJob {
    const { dataSource, logger, metrics } = this.deps;
    return new PeriodicJob({ name: this.name, intervalMs: this.intervalMs, run: () => this.pass(clock()) }, dataSource, logger, metrics);
  }

  private async pass(now: Date): Promise<number> {
    const context = commandContext(this.principal, { now, correlationId: `${this.name}:${now.toISOString()}` });
    let acted = 0;
    for (const item of await this.due(chinaDay(now))) {
      try {
        const answer: CommandResponse = await this.deps.commands.execute(this.command(item, context));
        acted += answer.events.length;
      } catch (error) {
        this.deps.logger.error({ job: this.name, item, err: error }, 'deadline sweep step failed');
      }
    }
    return acted;
  }
}
