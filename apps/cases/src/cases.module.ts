import { Module } from '@nestjs/common';
import { CASES_TOPIC } from '@app/contracts';
import { composeFeatures, ServiceKitModule } from '@app/kit';
import { REGISTRY_VIEW_ENTITIES, REGISTRY_VIEW_MIGRATIONS, RegistryViewModule } from '@app/registry-view';
import { PETITIONS_FEATURE } from './petitions/petitions.feature';
import { CLUES_FEATURE } from './clues/clues.feature';
import { DUAL_REPORTS_FEATURE } from './dual-reports/dual-reports.feature';
import { INQUIRIES_FEATURE } from './inquiries/inquiries.feature';
import { CASES_FEATURE } from './cases/cases.feature';
import { ACCOUNTABILITY_FEATURE } from './accountability/accountability.feature';
import { RETURNS_FEATURE } from './returns/returns.feature';
import { BULLETINS_FEATURE } from './bulletins/bulletins.feature';
import { PetitionKeyring } from './petitions/petition-keyring';
import { PETITION_PERSONAL_DATA } from './petitions/petition.personal-data';
import { CASES_ASYNCAPI } from './cases.asyncapi';
import { announce } from './cases.integration-events';
import type { CasesEnv } from './cases.env';
import { CASES_TOPICS } from './cases.topics';

export const CASES_SERVICE = 'cases';

/** Each feature folder declares its routes, handlers, read models, migrations and stream folders. */
// prettier-ignore
const FEATURES = composeFeatures([
  PETITIONS_FEATURE,
  CLUES_FEATURE,
  DUAL_REPORTS_FEATURE,
  INQUIRIES_FEATURE,
  CASES_FEATURE,
  ACCOUNTABILITY_FEATURE,
  RETURNS_FEATURE,
  BULLETINS_FEATURE,
]);

/**
 * Case handling: petitions with whistleblower protection, clues and their disposal with dual
 * reporting, letter inquiries, preliminary checks and cases, accountability and sanctions,
 * quarterly returns and typical-case bulletins.
 */
@Module({})
export class CasesModule {
  static forRoot(config: CasesEnv) {
    return {
      module: CasesModule,
      imports: [
        ServiceKitModule.forService({
          eventSourcing: {
            source: CASES_SERVICE,
            hashAlgorithm: config.EVENT_HASH_ALGORITHM,
            entities: [...REGISTRY_VIEW_ENTITIES, ...FEATURES.entities],
            migrations: [...REGISTRY_VIEW_MIGRATIONS, ...FEATURES.migrations],
            projections: FEATURES.projections,
            topics: CASES_TOPICS,
            streamFolders: FEATURES.streamFolders,
            personalData: PETITION_PERSONAL_DATA,
          },
          commands: { topic: CASES_TOPIC, toIntegration: announce },
          asyncApi: CASES_ASYNCAPI,
        }),
        RegistryViewModule,
      ],
      controllers: FEATURES.controllers,
      providers: [
        { provide: PetitionKeyring, useValue: PetitionKeyring.parse(config.PETITION_KEYS, config.PETITION_ACTIVE_KEY) },
        ...FEATURES.providers,
      ],
    };
  }
}
