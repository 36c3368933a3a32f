import { Module } from '@nestjs/common';
import { RESPONSIBILITY_TOPIC } from '@app/contracts';
import { composeFeatures, ServiceKitModule } from '@app/kit';
import { EVIDENCE_FEATURE } from './evidence/evidence.feature';
import type { ResponsibilityEnv } from './responsibility.env';
import { RESPONSIBILITY_TOPICS } from './responsibility.topics';

export const RESPONSIBILITY_SERVICE = 'responsibility';

/** Each feature folder declares its routes, handlers, read models, migrations and stream folders. */
const FEATURES = composeFeatures([EVIDENCE_FEATURE]);

/** Responsibility tracking: yearly lists, tasks, the ten things' ledgers, sign-offs, letters, dual reports, deadlines. */
@Module({})
export class ResponsibilityModule {
  static forRoot(config: ResponsibilityEnv) {
    return {
      module: ResponsibilityModule,
      imports: [
        ServiceKitModule.forService({
          eventSourcing: {
            source: RESPONSIBILITY_SERVICE,
            hashAlgorithm: config.EVENT_HASH_ALGORITHM,
            entities: FEATURES.entities,
            migrations: FEATURES.migrations,
            projections: FEATURES.projections,
            topics: RESPONSIBILITY_TOPICS,
            streamFolders: FEATURES.streamFolders,
          },
          commands: { topic: RESPONSIBILITY_TOPIC, toIntegration: () => null },
        }),
      ],
      controllers: FEATURES.controllers,
      providers: FEATURES.providers,
    };
  }
}
