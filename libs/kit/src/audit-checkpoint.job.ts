import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventSourcing } from '@app/eventstore';
import { Metrics, PLATFORM_LOGGER, ServiceEnv, type Logger } from '@app/platform';
import { PeriodicJob } from './periodic-job';

/**
 * Signs a checkpoint of the sealed log every AUDIT_CHECKPOINT_INTERVAL_MS when the log grew (one
 * instance at a time across processes), and writes it to the witness directory. Every service on
 * the kit has it; `POST /audit/checkpoints` signs one on demand.
 */
@Injectable()
export class AuditCheckpointJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    @Inject(EventSourcing) sourcing: EventSourcing,
    dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
    config: ServiceEnv,
  ) {
    const checkpoints = sourcing.checkpoints;
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
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
