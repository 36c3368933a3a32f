import { itKeepsTheOpenApiContract, type OpenApi } from '@app/testing';
import { startCases } from './cases-test-app';

/** Case handling's OpenAPI document keeps the same contract as the registry's. */
describe('the OpenAPI document of case handling', () => {
  itKeepsTheOpenApiContract(async () => {
    const app = await startCases();
    return { document: (await app.request('GET', '/api-docs-json')).body as OpenApi, close: () => app.close() };
  });
});
