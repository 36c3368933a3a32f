import { responseGaps, spectralFindings, untypedProperties, type OpenApi } from '@app/testing';
import { startCases, type CasesUnderTest } from './cases-test-app';

/** Case handling's OpenAPI document keeps the same contract as the registry's. */
describe('the OpenAPI document of case handling', () => {
  let app: CasesUnderTest;
  let document: OpenApi;
  beforeAll(async () => {
    app = await startCases();
    document = (await app.request('GET', '/api-docs-json')).body as OpenApi;
  });
  afterAll(() => app?.close());

  it('documents a success schema and its problem responses for every operation', () => {
    expect(responseGaps(document)).toEqual([]);
  });

  it('gives every property of a schema a type', () => {
    expect(untypedProperties(document)).toEqual([]);
  });

  it('passes the spectral:oas ruleset with no warning or error', async () => {
    expect(await spectralFindings(document)).toEqual([]);
  });
});
