import { Module } from '@nestjs/common';
import { RegistryViewConsumer } from './registry-view.consumer';
import { RegistryView } from './registry-view';
import { RegistryViewCalendar } from './registry-view-calendar';

/**
 * The registry, as of any day, inside another service: the `RegistryView` queries, the inbox
 * handler that feeds the `rv_*` tables from `registry.events.v1`, and the national calendar
 * extended with the holiday arrangements published there (`RegistryViewCalendar`). The service also lists
 * `REGISTRY_VIEW_ENTITIES` and `REGISTRY_VIEW_MIGRATIONS` in its event sourcing options and connects
 * its inbox to `REGISTRY_TOPIC` (see libs/README.md).
 */
@Module({
  controllers: [RegistryViewConsumer],
  providers: [RegistryView, RegistryViewCalendar],
  exports: [RegistryView, RegistryViewCalendar],
})
export class RegistryViewModule {}
