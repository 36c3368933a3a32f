import { asyncApiDocument, REGISTRY_EVENT_SCHEMAS, REGISTRY_TOPIC } from '@app/contracts';
import { REGISTRY_PARTITIONS } from './registry.topics';

/** What the registry publishes, as AsyncAPI 3.0; kept in the repository as `apps/org-registry/asyncapi.json`. */
export const REGISTRY_ASYNCAPI = asyncApiDocument({
  service: 'org-registry',
  title: 'Organisation registry events (组织机构)',
  description:
    'Units, pairings, appointments, portfolios, people and signing keys, each fact effective-dated. ' +
    'People appear by staff number and name only: no contact details, birth year or relation notes.',
  topic: REGISTRY_TOPIC,
  partitions: REGISTRY_PARTITIONS,
  events: REGISTRY_EVENT_SCHEMAS,
});
