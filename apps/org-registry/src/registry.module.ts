import { Module } from '@nestjs/common';
import { REGISTRY_TOPIC } from '@app/contracts';
import { EventSourcingModule } from '@app/eventstore';
import { eventTopicSpecs } from '@app/messaging';
import { ImportController } from './imports/import.controller';
import { ImportJobRow } from './imports/import-job.entity';
import { ImportService } from './imports/import.service';
import { RegistryReadModels1764050000000 } from './migrations/1764050000000-registry-read-models';
import { ImportJobs1764060000000 } from './migrations/1764060000000-import-jobs';
import { PeopleController } from './people/people.controller';
import { personDecider } from './people/person.decider';
import { peopleProjection } from './read-models/people.projection';
import { REGISTRY_ENTITIES } from './read-models/read-model.entities';
import { RegistryQueries } from './read-models/registry.queries';
import { unitsProjection } from './read-models/units.projection';
import { RegistryCommandService } from './registry-command.service';
import type { RegistryEnv } from './registry.env';
import { unitDecider } from './units/unit.decider';
import { UnitsController } from './units/units.controller';

export const REGISTRY_SERVICE = 'org-registry';

/** The organisation registry: units, pairings, posts, appointments, portfolios, people and keys; bulk import. */
@Module({})
export class RegistryModule {
  static forRoot(config: RegistryEnv) {
    return {
      module: RegistryModule,
      imports: [
        EventSourcingModule.forService({
          source: REGISTRY_SERVICE,
          hashAlgorithm: config.EVENT_HASH_ALGORITHM,
          entities: [...REGISTRY_ENTITIES, ImportJobRow],
          migrations: [RegistryReadModels1764050000000, ImportJobs1764060000000],
          projections: [unitsProjection, peopleProjection],
          topics: eventTopicSpecs(REGISTRY_TOPIC),
          streamFolders: { 'unit-': unitDecider, 'person-': personDecider },
        }),
      ],
      controllers: [UnitsController, PeopleController, ImportController],
      providers: [RegistryQueries, RegistryCommandService, ImportService],
    };
  }
}
