import { asyncApiDocument, CASES_EVENT_SCHEMAS, CASES_TOPIC } from '@app/contracts';
import { CASES_PARTITIONS } from './cases.topics';

/** What case handling publishes, as AsyncAPI 3.0; kept in the repository as `apps/cases/asyncapi.json`. */
export const CASES_ASYNCAPI = asyncApiDocument({
  service: 'cases',
  title: 'Case handling events (信访举报、线索处置、案件查办)',
  description:
    'Petitions received and screened: ids, commission and unit codes, the channel and days. ' +
    'Reporters, their contacts, the contents and the persons named never leave the service.',
  topic: CASES_TOPIC,
  partitions: CASES_PARTITIONS,
  events: CASES_EVENT_SCHEMAS,
});
