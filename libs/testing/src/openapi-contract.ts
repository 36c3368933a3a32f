import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';

/**
 * The contract every service's OpenAPI document keeps for integrators: every answer described (a
 * success schema; problems as `Problem` naming their codes), every property typed, and Spectral’s
 * `spectral:oas` ruleset satisfied. Used by each service's openapi-contract test.
 */

type Schema = {
  $ref?: string;
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  additionalProperties?: unknown;
};
type Response = { description?: string; content?: Record<string, { schema?: Schema }> };
type Operation = { responses?: Record<string, Response>; parameters?: unknown[]; requestBody?: unknown; security?: unknown[] };
export type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  security?: unknown[];
  components: { schemas: Record<string, Schema> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const PROBLEM_REF = '#/components/schemas/Problem';

/** What an operation's documented responses lack, as one line per gap; empty when it documents each answer. */
export function responseGaps(document: OpenApi): string[] {
  const gaps: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const responses = Object.entries(operation.responses ?? {});
      const success = responses.filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) gaps.push(`${name}: no 2xx response`);
      for (const [status, response] of success) {
        if (!Object.values(response.content ?? {}).some((media) => media.schema)) gaps.push(`${name}: ${status} has no schema`);
      }
      const failures = responses.filter(([status]) => /^[45]\d\d$/.test(status));
      for (const [status, response] of failures) {
        const refs = Object.values(response.content ?? {}).map((media) => media.schema?.$ref);
        if (refs.length === 0 || refs.some((ref) => ref !== PROBLEM_REF)) gaps.push(`${name}: ${status} is not a Problem`);
        if (!/[A-Z]+\.[A-Z_]+/.test(response.description ?? '')) gaps.push(`${name}: ${status} names no problem code`);
      }
      const takesInput = (operation.parameters ?? []).length > 0 || operation.requestBody !== undefined;
      const secured = (operation.security ?? document.security ?? []).some((entry) => Object.keys(entry as object).length > 0);
      if ((takesInput || secured) && !failures.some(([status]) => status.startsWith('4'))) gaps.push(`${name}: no 4xx response`);
    }
  }
  return gaps;
}

/**
 * Properties that say only "object": what a TypeScript union (`string | null`) or `unknown` becomes
 * when its decorator gives no type. A free-form object says so with `additionalProperties`.
 */
export function untypedProperties(document: OpenApi): string[] {
  const untyped = (schema: Schema): boolean =>
    (schema.type === 'object' && !schema.properties && !schema.allOf && schema.additionalProperties === undefined) ||
    (schema.items !== undefined && untyped(schema.items));
  return Object.entries(document.components.schemas).flatMap(([name, schema]) =>
    Object.entries(schema.properties ?? {}).flatMap(([property, value]) => (untyped(value) ? [`${name}.${property}`] : [])),
  );
}

/** Spectral's `spectral:oas` ruleset over the document: every warning and error, one line each. */
export async function spectralFindings(document: unknown): Promise<string[]> {
  const spectral = new Spectral();
  spectral.setRuleset({ extends: [[oas as never, 'recommended']] });
  const results: ISpectralDiagnostic[] = await spectral.run(new Document(JSON.stringify(document, null, 2), Json));
  return results
    .filter((result) => Number(result.severity) <= 1 /* error or warning */)
    .map((result) => `${result.code} at ${result.path.join('.')}: ${result.message}`);
}

/**
 * The contract's three tests for one service: `start` boots it (once for the file) and answers its
 * OpenAPI document and how to close it. Call inside a `describe`.
 */
export function itKeepsTheOpenApiContract(start: () => Promise<{ readonly document: OpenApi; close(): Promise<void> }>): void {
  let service: { readonly document: OpenApi; close(): Promise<void> } | undefined;
  const document = () => service!.document;
  beforeAll(async () => {
    service = await start();
  });
  afterAll(() => service?.close());

  it('documents a success schema and its problem responses for every operation', () => {
    expect(responseGaps(document())).toEqual([]);
  });

  it('gives every property of a schema a type', () => {
    expect(untypedProperties(document())).toEqual([]);
  });

  it('passes the spectral:oas ruleset with no warning or error', async () => {
    expect(await spectralFindings(document())).toEqual([]);
  });
}
