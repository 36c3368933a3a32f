import { Module } from '@nestjs/common';
import { REGISTRY_TOPIC } from '@app/contracts';
import { composeFeatures, ServiceKitModule } from '@app/kit';
import { eventTopicSpecs } from '@app/messaging';
import { CALENDAR_FEATURE } from './calendar/calendar.feature';
import { ImportController } from './imports/import.controller';
import { ImportJobRow } from './imports/import-job.entity';
import { ImportService } from './imports/import.service';
import { RegistryReadModels1764050000000 } from './migrations/1764050000000-registry-read-models';
import { ImportJobs1764060000000 } from './migrations/1764060000000-import-jobs';
import { PeopleController } from './people/people.controller';
import { PersonAggregate } from './people/person.aggregate';
import { PERSON_COMMAND_HANDLERS } from './people/person.command-handlers';
import { personDecider } from './people/person.decider';
import { REGISTRY_PERSONAL_DATA } from './people/person.personal-data';
import { PERSON_QUERY_HANDLERS } from './people/person.query-handlers';
import { PERSON_UPCASTERS } from './people/person.upcasters';
import { peopleProjection } from './read-models/people.projection';
import { REGISTRY_ENTITIES } from './read-models/read-model.entities';
import { RegistryQueries } from './read-models/registry.queries';
import { ReadRules } from './read-rules';
import { unitsProjection } from './read-models/units.projection';
import { REGISTRY_ASYNCAPI } from './registry.asyncapi';
import type { RegistryEnv } from './registry.env';
import { announce } from './registry.integration-events';
import { REGISTRY_PARTITIONS, REGISTRY_TOPICS } from './registry.topics';
import { UnitAggregate } from './units/unit.aggregate';
import { UNIT_COMMAND_HANDLERS } from './units/unit.command-handlers';
import { unitDecider } from './units/unit.decider';
import { UNIT_QUERY_HANDLERS } from './units/unit.query-handlers';
import { UnitsController } from './units/units.controller';

export const REGISTRY_SERVICE = 'org-registry';

const FEATURES = composeFeatures([CALENDAR_FEATURE]);

/** The organisation registry: units, pairings, posts, appointments, portfolios, people and keys; bulk import; the calendar's further years. */
@Module({})
export class RegistryModule {
  /**
   * `topic`: where the registry publishes, `registry.events.v1`; a test may name a topic of its own
   * so that what it publishes (a fictional holiday arrangement) never reaches the shared topic.
   */
  static forRoot(config: RegistryEnv, { topic = REGISTRY_TOPIC }: { readonly topic?: string } = {}) {
    return {
      module: RegistryModule,
      imports: [
        ServiceKitModule.forService({
          eventSourcing: {
            source: REGISTRY_SERVICE,
            hashAlgorithm: config.EVENT_HASH_ALGORITHM,
            entities: [...REGISTRY_ENTITIES, ImportJobRow, ...FEATURES.entities],
            migrations: [RegistryReadModels1764050000000, ImportJobs1764060000000, ...FEATURES.migrations],
            projections: [unitsProjection, peopleProjection, ...FEATURES.projections],
            personalData: REGISTRY_PERSONAL_DATA,
            upcasters: PERSON_UPCASTERS,
            topics: topic === REGISTRY_TOPIC ? REGISTRY_TOPICS : eventTopicSpecs(topic, REGISTRY_PARTITIONS),
            streamFolders: { 'unit-': unitDecider, 'person-': personDecider, ...FEATURES.streamFolders },
          },
          commands: { topic, toIntegration: announce },
          asyncApi: REGISTRY_ASYNCAPI,
        }),
      ],
      controllers: [UnitsController, PeopleController, ImportController, ...FEATURES.controllers],
      providers: [
        RegistryQueries,
        ReadRules,
        UnitAggregate,
        PersonAggregate,
        ...UNIT_COMMAND_HANDLERS,
        ...UNIT_QUERY_HANDLERS,
        ...PERSON_COMMAND_HANDLERS,
        ...PERSON_QUERY_HANDLERS,
        ImportService,
        ...FEATURES.providers,
      ],
    };
  }
}
