import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthChecks, Metrics, PLATFORM_LOGGER, ServiceEnv, type Logger, type MigrationEnv } from '@app/platform';
import { EventStore } from '../event-store';
import { ProjectionRunner } from '../projection';
import { AuditController, STREAM_FOLDERS, type StreamFolders } from './audit.controller';
import { EventSourcing, type EventSourcingOptions } from './event-sourcing';

export interface EventSourcingModuleOptions extends Omit<EventSourcingOptions, 'config' | 'metrics' | 'logger'> {
  /** How to fold each stream category for time travel, by stream id prefix (`unit-`). */
  readonly streamFolders: StreamFolders;
}

/** The options a service gave `forService`: what its migration step needs (its migrations). */
export const EVENT_SOURCING_OPTIONS = Symbol('EVENT_SOURCING_OPTIONS');

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
  /** The event sourcing options inside a service's root module, if it has any (for its migration step and tests). */
  static optionsOf(module: DynamicModule): EventSourcingModuleOptions | undefined {
    for (const imported of module.imports ?? []) {
      if (typeof imported !== 'object' || imported === null || !('module' in imported)) continue;
      const dynamic = imported;
      if (dynamic.module === EventSourcingModule) {
        const provider = dynamic.providers?.find(
          (p): p is { provide: symbol; useValue: EventSourcingModuleOptions } =>
            typeof p === 'object' && 'provide' in p && p.provide === EVENT_SOURCING_OPTIONS,
        );
        return provider?.useValue;
      }
      const nested = EventSourcingModule.optionsOf(dynamic);
      if (nested) return nested;
    }
    return undefined;
  }

  static forService(options: EventSourcingModuleOptions): DynamicModule {
    return {
      module: EventSourcingModule,
      global: true,
      controllers: [AuditController],
      providers: [
        {
          provide: EventSourcing,
          inject: [ServiceEnv, Metrics, HealthChecks, PLATFORM_LOGGER],
          useFactory: async (config: ServiceEnv, metrics: Metrics, health: HealthChecks, logger: Logger) => {
            const sourcing = await EventSourcing.open({ ...options, config, metrics, logger });
            health.add(...sourcing.healthChecks());
            return sourcing;
          },
        },
        { provide: EventStore, inject: [EventSourcing], useFactory: (sourcing: EventSourcing) => sourcing.store },
        { provide: DataSource, inject: [EventSourcing], useFactory: (sourcing: EventSourcing) => sourcing.dataSource },
        { provide: ProjectionRunner, inject: [EventSourcing], useFactory: (sourcing: EventSourcing) => sourcing.projections },
        { provide: STREAM_FOLDERS, useValue: options.streamFolders },
        { provide: EVENT_SOURCING_OPTIONS, useValue: options },
        EventSourcingLifecycle,
      ],
      exports: [EventSourcing, EventStore, DataSource, ProjectionRunner],
    };
  }
}

/**
 * The migration step of a service (`main.js migrate`, `npm run migrate`): migrates the database
 * of `config` as the owner named by MIGRATION env (PG_OWNER_USER, PG_OWNER_PASSWORD) and sets up
 * the service's role (PGUSER, PGPASSWORD).
 */
export async function migrateService(module: DynamicModule, config: ServiceEnv, owner: MigrationEnv): Promise<void> {
  const options = EventSourcingModule.optionsOf(module);
  if (!options) throw new Error('the module has no EventSourcingModule.forService to migrate');
  await EventSourcing.migrate({ config, owner, migrations: options.migrations });
}
