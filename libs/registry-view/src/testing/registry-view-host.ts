import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { ServiceKitModule } from '@app/kit';
import { eventTopicSpecs } from '@app/messaging';
import { REGISTRY_VIEW_ENTITIES } from '../registry-view.entities';
import { REGISTRY_VIEW_MIGRATIONS } from '../registry-view.migration';
import { RegistryViewModule } from '../registry-view.module';

@Module({})
class RegistryViewHost {}

/** For tests: the smallest service with a registry view (its own log for nothing else), under `source`. */
export function registryViewHostModule(source: string, controllers: readonly Type[] = []): DynamicModule {
  return {
    module: RegistryViewHost,
    imports: [
      ServiceKitModule.forService({
        eventSourcing: {
          source,
          entities: [...REGISTRY_VIEW_ENTITIES],
          migrations: [...REGISTRY_VIEW_MIGRATIONS],
          projections: [],
          topics: eventTopicSpecs(`${source}.events.v1`, 1),
          streamFolders: {},
        },
        commands: { topic: `${source}.events.v1`, toIntegration: () => null },
      }),
      RegistryViewModule,
    ],
    controllers: [...controllers],
  };
}
