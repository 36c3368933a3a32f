import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventSourcing } from '@app/eventstore';
import { Metrics, PLATFORM_LOGGER, ServiceEnv, type Logger } from '@app/platform';
import { PeriodicJob } from './periodic-job';

/** How often the checkpoint tree takes in what was sealed since (see AuditCheckpointJob.follow). */
const TREE_FOLLOW_MS = 5_000;

/**
 * Signs a checkpoint of the sealed log every AUDIT_CHECKPOINT_INTERVAL_MS when the log grew (one
 * instance at a time across processes), and writes it to the witness directory. Every service on
 * the kit has it; `POST /audit/checkpoints` signs one on demand.
 */
@Injectable()
export class AuditCheckpointJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;
  /**
   * Between checkpoints the in-memory Merkle tree follows the seal every few seconds, so a
   * checkpoint adds a few seconds of leaves, not a whole interval's in one burst of CPU (at
   * 300 commands/s a minute of leaves took 0.3–0.9 s, felt by the requests of that second).
   */
  private follow?: NodeJS.Timeout;
  private readonly sync: () => Promise<number>;

  constructor(
    @Inject(EventSourcing) sourcing: EventSourcing,
    dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
    config: ServiceEnv,
  ) {
    const checkpoints = sourcing.checkpoints;
    this.sync = () => checkpoints.sync();
    this.job = new PeriodicJob(
      {
        name: 'audit-checkpoint',
        intervalMs: config.AUDIT_CHECKPOINT_INTERVAL_MS,
        run: async () => {
          await sourcing.sealer.sealPending();
          await checkpoints.sync();
          if (checkpoints.size === 0) return 0;
          const { checkpoint, created } = await checkpoints.create();
          if (created) logger.info({ checkpoint: checkpoint.body.number, logSize: checkpoint.body.logSize }, 'signed a log checkpoint');
          return created ? 1 : 0;
        },
      },
      dataSource,
      logger,
      metrics,
    );
  }

  onApplicationBootstrap(): void {
    this.job.start();
    this.follow = setInterval(() => void this.sync().catch(() => undefined), TREE_FOLLOW_MS);
    this.follow.unref();
  }

  onApplicationShutdown(): Promise<void> {
    clearInterval(this.follow);
    return this.job.stop();
  }
}
