import { itKeepsTheOpenApiContract, type OpenApi } from '@app/testing';
import { startRegistry } from './registry-test-app';

/** The OpenAPI document an integrator reads (issue #6): every answer described, and an independent linter satisfied. */
describe('the OpenAPI document', () => {
  itKeepsTheOpenApiContract(async () => {
    const t = await startRegistry();
    return { document: (await t.get('/api-docs-json')).body as OpenApi, close: () => t.app.close() };
  });
});
