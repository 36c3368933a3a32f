import { itKeepsTheOpenApiContract, type OpenApi } from '@app/testing';
import { startResponsibility } from './responsibility-test-app';

/** Responsibility tracking's OpenAPI document keeps the same contract as the registry's. */
describe('the OpenAPI document of responsibility tracking', () => {
  itKeepsTheOpenApiContract(async () => {
    const app = await startResponsibility();
    return { document: (await app.request('GET', '/api-docs-json')).body as OpenApi, close: () => app.close() };
  });
});
