import { responseGaps, spectralFindings, untypedProperties, type OpenApi } from '@app/testing';
import { startResponsibility, type ResponsibilityUnderTest } from './responsibility-test-app';

/** Responsibility tracking's OpenAPI document keeps the same contract as the registry's. */
describe('the OpenAPI document of responsibility tracking', () => {
  let app: ResponsibilityUnderTest;
  let document: OpenApi;
  beforeAll(async () => {
    app = await startResponsibility();
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
