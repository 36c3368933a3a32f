import { Module } from '@nestjs/common';
import { RESPONSIBILITY_TOPIC } from '@app/contracts';
import { composeFeatures, ServiceKitModule } from '@app/kit';
import { REGISTRY_VIEW_ENTITIES, REGISTRY_VIEW_MIGRATIONS, RegistryViewModule } from '@app/registry-view';
import { COMPLIANCE_FEATURE } from './compliance/compliance.feature';
import { DEADLINE_RULES_FEATURE } from './deadline-rules/deadline-rules.feature';
import { DOCUMENTS_FEATURE } from './documents/documents.feature';
import { DUAL_REPORTS_FEATURE } from './dual-reports/dual-reports.feature';
import { EVIDENCE_FEATURE } from './evidence/evidence.feature';
import { FOLLOW_UPS_FEATURE } from './follow-ups/follow-ups.feature';
import { LETTERS_FEATURE } from './letters/letters.feature';
import { TASKS_FEATURE } from './tasks/tasks.feature';
import { TEN_THINGS_FEATURE } from './ten-things/ten-things.feature';
import { OBLIGATIONS_FEATURE } from './obligations/obligations.feature';
import { RESPONSIBILITY_LISTS_FEATURE } from './responsibility-lists/responsibility-lists.feature';
import { REVIEWS_FEATURE } from './reviews/reviews.feature';
import { ResponsibilityActors } from './responsibility-actors';
import { RESPONSIBILITY_ASYNCAPI } from './responsibility.asyncapi';
import { announce } from './responsibility.integration-events';
import type { ResponsibilityEnv } from './responsibility.env';
import { RESPONSIBILITY_TOPICS } from './responsibility.topics';

export const RESPONSIBILITY_SERVICE = 'responsibility';

/** Each feature folder declares its routes, handlers, read models, migrations and stream folders. */
const FEATURES = composeFeatures([
  EVIDENCE_FEATURE,
  DEADLINE_RULES_FEATURE,
  DOCUMENTS_FEATURE,
  RESPONSIBILITY_LISTS_FEATURE,
  OBLIGATIONS_FEATURE,
  DUAL_REPORTS_FEATURE,
  TASKS_FEATURE,
  TEN_THINGS_FEATURE,
  FOLLOW_UPS_FEATURE,
  LETTERS_FEATURE,
  COMPLIANCE_FEATURE,
  REVIEWS_FEATURE,
]);

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
            entities: [...REGISTRY_VIEW_ENTITIES, ...FEATURES.entities],
            migrations: [...REGISTRY_VIEW_MIGRATIONS, ...FEATURES.migrations],
            projections: FEATURES.projections,
            topics: RESPONSIBILITY_TOPICS,
            streamFolders: FEATURES.streamFolders,
          },
          commands: { topic: RESPONSIBILITY_TOPIC, toIntegration: announce },
          asyncApi: RESPONSIBILITY_ASYNCAPI,
        }),
        RegistryViewModule,
      ],
      controllers: FEATURES.controllers,
      providers: [ResponsibilityActors, ...FEATURES.providers],
    };
  }
}
