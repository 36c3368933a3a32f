import { Module } from '@nestjs/common';
import { RegistryViewConsumer } from './registry-view.consumer';
import { RegistryView } from './registry-view';

/**
 * The registry, as of any day, inside another service: the `RegistryView` queries and the inbox
 * handler that feeds the `rv_*` tables from `registry.events.v1`. The service also lists
 * `REGISTRY_VIEW_ENTITIES` and `REGISTRY_VIEW_MIGRATIONS` in its event sourcing options and connects
 * its inbox to `REGISTRY_TOPIC` (see libs/README.md).
 */
@Module({
  controllers: [RegistryViewConsumer],
  providers: [RegistryView],
  exports: [RegistryView],
})
export class RegistryViewModule {}
