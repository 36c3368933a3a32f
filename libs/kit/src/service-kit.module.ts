import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EventSourcingModule, type EventSourcingModuleOptions } from '@app/eventstore';
import type { JsonSchema } from '@app/contracts';
import { ASYNCAPI_DOCUMENT, AsyncApiController } from './asyncapi.controller';
import { AuditCheckpointJob } from './audit-checkpoint.job';
import { COMMAND_PATH_OPTIONS, CommandPath, type CommandPathOptions } from './command-path';
import { VersionETagInterceptor } from './version-etag.interceptor';

export interface ServiceKitOptions {
  /** The log, its read models, outbox relay and audit endpoints. */
  readonly eventSourcing: EventSourcingModuleOptions;
  readonly commands: CommandPathOptions;
  /** The AsyncAPI document of the topic the service publishes, served at `/asyncapi.json`. */
  readonly asyncApi?: JsonSchema;
}

/**
 * What every service stands on: the command and query buses (@nestjs/cqrs), the event store with
 * its projections, outbox and audit API, the one command path, and ETags from versions. A service
 * module imports it once and lists its own handlers, read models and controllers.
 */
@Module({})
export class ServiceKitModule {
  static forService(options: ServiceKitOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: COMMAND_PATH_OPTIONS, useValue: options.commands },
      CommandPath,
      { provide: APP_INTERCEPTOR, useClass: VersionETagInterceptor },
      AuditCheckpointJob,
    ];
    if (options.asyncApi) providers.push({ provide: ASYNCAPI_DOCUMENT, useValue: options.asyncApi });
    return {
      module: ServiceKitModule,
      global: true,
      controllers: options.asyncApi ? [AsyncApiController] : [],
      imports: [CqrsModule.forRoot(), EventSourcingModule.forService(options.eventSourcing)],
      providers,
      exports: [CommandPath, CqrsModule],
    };
  }
}
