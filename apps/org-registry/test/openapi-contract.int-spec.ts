import { responseGaps, spectralFindings, untypedProperties, type OpenApi } from '@app/testing';
import { startRegistry, type RegistryUnderTest } from './registry-test-app';

/** The OpenAPI document an integrator reads (issue #6): every answer described, and an independent linter satisfied. */

describe('the OpenAPI document', () => {
  let t: RegistryUnderTest;
  let document: OpenApi;
  beforeAll(async () => {
    t = await startRegistry();
    document = (await t.get('/api-docs-json')).body as OpenApi;
  });
  afterAll(() => t?.app.close());

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
