import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthChecks, Metrics, ServiceEnv } from '@app/platform';
import { EventStore } from '../event-store';
import { ProjectionRunner } from '../projection';
import { AuditController, STREAM_FOLDERS, type StreamFolders } from './audit.controller';
import { EventSourcing, type EventSourcingOptions } from './event-sourcing';

export interface EventSourcingModuleOptions extends Omit<EventSourcingOptions, 'config' | 'metrics'> {
  /** How to fold each stream category for time travel, by stream id prefix (`unit-`). */
  readonly streamFolders: StreamFolders;
}

@Injectable()
class EventSourcingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(EventSourcing) private readonly sourcing: EventSourcing) {}

  onApplicationBootstrap(): Promise<void> {
    return this.sourcing.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.sourcing.stop();
  }
}

/** The service's log, read models, outbox relay and audit endpoints. */
@Module({})
export class EventSourcingModule {
  static forService(options: EventSourcingModuleOptions): DynamicModule {
    return {
      module: EventSourcingModule,
      global: true,
      controllers: [AuditController],
      providers: [
        {
          provide: EventSourcing,
          inject: [ServiceEnv, Metrics, HealthChecks],
          useFactory: async (config: ServiceEnv, metrics: Metrics, health: HealthChecks) => {
            const sourcing = await EventSourcing.open({ ...options, config, metrics });
            health.add(...sourcing.healthChecks());
            return sourcing;
          },
        },
        { provide: EventStore, inject: [EventSourcing], useFactory: (sourcing: EventSourcing) => sourcing.store },
        { provide: DataSource, inject: [EventSourcing], useFactory: (sourcing: EventSourcing) => sourcing.dataSource },
        { provide: ProjectionRunner, inject: [EventSourcing], useFactory: (sourcing: EventSourcing) => sourcing.projections },
        { provide: STREAM_FOLDERS, useValue: options.streamFolders },
        EventSourcingLifecycle,
      ],
      exports: [EventSourcing, EventStore, DataSource, ProjectionRunner],
    };
  }
}
