import { Module } from '@nestjs/common';
import { RESPONSIBILITY_TOPIC } from '@app/contracts';
import { ServiceKitModule } from '@app/kit';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceStore } from './evidence/evidence.store';
import { Evidence1764900000000 } from './migrations/1764900000000-evidence';
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
            migrations: [Evidence1764900000000],
            projections: [],
            topics: RESPONSIBILITY_TOPICS,
            streamFolders: {},
          },
          commands: { topic: RESPONSIBILITY_TOPIC, toIntegration: () => null },
        }),
      ],
      controllers: [EvidenceController],
      providers: [EvidenceStore],
    };
  }
}
