import { asyncApiDocument, RESPONSIBILITY_EVENT_SCHEMAS, RESPONSIBILITY_TOPIC } from '@app/contracts';
import { RESPONSIBILITY_PARTITIONS } from './responsibility.topics';

/** What responsibility tracking publishes, as AsyncAPI 3.0; kept in the repository as `apps/responsibility/asyncapi.json`. */
export const RESPONSIBILITY_ASYNCAPI = asyncApiDocument({
  service: 'responsibility',
  title: 'Responsibility tracking events (两个责任落实)',
  description:
    'Lists drawn up and approved, sign-offs and fully signed documents, letters in effect, dual reports and their acknowledgements, ' +
    'obligations due soon, overdue or fulfilled, deadline rules set or retired, one-case-two-investigations reviews concluded: ids, units, rules and days. Texts, opinions, signatures and ledger entries stay in the service.',
  topic: RESPONSIBILITY_TOPIC,
  partitions: RESPONSIBILITY_PARTITIONS,
  events: RESPONSIBILITY_EVENT_SCHEMAS,
});
