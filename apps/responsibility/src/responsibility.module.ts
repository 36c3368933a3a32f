import { Module } from '@nestjs/common';
import { RESPONSIBILITY_TOPIC } from '@app/contracts';
import { ServiceKitModule } from '@app/kit';
import type { ResponsibilityEnv } from './responsibility.env';
import { RESPONSIBILITY_TOPICS } from './responsibility.topics';

export const RESPONSIBILITY_SERVICE = 'responsibility';

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
            entities: [],
            migrations: [],
            projections: [],
            topics: RESPONSIBILITY_TOPICS,
            streamFolders: {},
          },
          commands: { topic: RESPONSIBILITY_TOPIC, toIntegration: () => null },
        }),
      ],
      controllers: [],
      providers: [],
    };
  }
}
