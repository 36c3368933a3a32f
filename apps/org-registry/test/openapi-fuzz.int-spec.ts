import Ajv, { type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { Pool } from 'pg';
import { postgresConnection, PROBLEM_CONTENT_TYPE } from '@app/platform';
import { runCodes, startRegistry, type RegistryUnderTest } from './registry-test-app';

/**
 * Property test over the OpenAPI document (issue #6): for every operation it sends requests built
 * from the operation's own parameters and body schema — valid-looking values mixed with wrong
 * types, unknown fields, huge and deeply nested values, NUL, lone surrogates, impossible days and
 * bad headers — and checks that the registry never answers 5xx, answers every 4xx as problem+json
 * with a status the document lists for the operation, answers 2xx with a body that fits the
 * documented schema, and that a refused request leaves the log as it was.
 */

const RUNS_PER_OPERATION = 20;

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };
type Response = { description?: string; content?: Record<string, { schema?: Schema }> };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, Response>;
};
type OpenApi = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

interface Attempt {
  readonly path: string;
  readonly query: readonly [string, string][];
  readonly headers: Record<string, string>;
  readonly body?: string | FormData;
}

const { code } = runCodes();
const UNIT = code('FZ');
const STAFF = code('FZP');

/** Text that must not get past the edge, or that stresses it. */
const hostileText = fc.oneof(
  fc.constantFrom(
    'a\u0000b',
    '\u0000',
    'x\ud800y',
    '\udfff',
    '调离 410102199003074511',
    '__proto__',
    ' ',
    '',
    '../../etc/passwd',
    "'; DROP TABLE es_events; --",
    '%00',
    '\u202e\u0007',
    '𠀀📄',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 100, max: 70_000 }).map((n) => '长'.repeat(n)),
);
const impossibleDays = fc.constantFrom(
  '2025-02-30',
  '2023-02-29',
  '2025-13-01',
  '2025-00-10',
  '0000-00-00',
  '2025-2-3',
  '20250101',
  '2025-01-01T00:00:00Z',
  '9999-99-99',
);
const validDays = fc.constantFrom('2020-01-01', '2024-02-29', '2025-06-30', '1999-12-31');
const deep = (depth: number) => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown;
const wrongType = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, 3.5, [], {}, [null], { a: { b: { c: 1 } } }),
  fc.integer({ min: 65, max: 200 }).map(deep),
  hostileText,
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileText, { maxKeys: 3 }),
);

/** A value for `schema`: mostly one that fits it, sometimes a hostile one. */
function valueFor(schema: Schema, document: OpenApi, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, document);
  return fc.oneof({ weight: 3, arbitrary: fittingValue(resolved, document, depth) }, { weight: 1, arbitrary: wrongType });
}

function fittingValue(schema: Schema, document: OpenApi, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const isDay = schema.format === 'date' || (typeof schema.example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(schema.example));
  if (isDay) return fc.oneof(validDays, impossibleDays);
  switch (schema.type) {
    case 'string':
      return fc.oneof(
        fc.constantFrom(UNIT, STAFF, ...(typeof schema.example === 'string' ? [schema.example] : [])),
        fc.string({ maxLength: 12 }),
        hostileText,
      );
    case 'integer':
    case 'number':
      return fc.oneof(fc.integer({ min: 1890, max: 2030 }), fc.constantFrom(-1, 0, 2 ** 53, 1.5));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? valueFor(schema.items, document, depth + 1) : wrongType, { maxLength: 3 });
    default:
      return depth > 3 ? wrongType : objectFor(schema, document, depth);
  }
}

/** An object of the schema's properties (required ones mostly present), sometimes with unknown or prototype keys. */
function objectFor(schema: Schema, document: OpenApi, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const known = fc.record(Object.fromEntries(properties.map(([name, property]) => [name, valueFor(property, document, depth + 1)])), {
    requiredKeys: schema.required ?? [],
  });
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), wrongType, { maxKeys: 2 }) },
    { weight: 1, arbitrary: fc.constantFrom(JSON.parse('{"__proto__":{"polluted":true}}') as object, { constructor: { prototype: 1 } }) },
  );
  return fc.tuple(known, extra).map(([values, more]) => Object.assign({}, values, more) as Record<string, unknown>);
}

/** A JSON request body: the schema's object as JSON, or something that is not one. */
function bodyFor(schema: Schema, document: OpenApi): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: objectFor(resolve(schema, document), document, 0).map((value) => JSON.stringify(value)) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom('', '{', 'null', '[]', '"text"', '42', '{"a":1,}', "{'a':1}", '\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\u0000"}'),
        fc.integer({ min: 1000, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
        fc.constant(JSON.stringify({ filler: 'x'.repeat(1_100_000) })),
        wrongType.map((value) => JSON.stringify(value) ?? 'undefined'),
      ),
    },
  );
}

/** A path parameter: the fixture's own value, a plausible one, or a hostile one (percent-encoded as bytes). */
function pathValue(name: string): fc.Arbitrary<string> {
  const known: Record<string, string[]> = {
    code: [UNIT],
    staffNumber: [STAFF],
    streamId: [`unit-${UNIT}`, `person-${STAFF}`],
    post: ['principal_leader', 'team_member'],
    sheet: ['units', 'people', 'appointments'],
  };
  const plausible = fc.oneof(fc.constantFrom(...(known[name] ?? ['x'])), fc.uuid(), fc.constantFrom('0', '-1', 'null', 'ZZ-0001'));
  const raw = fc.constantFrom('%FF', '%C0%80', '%ED%A0%80', '%00', '%E9%95%BF', '%2F', '%25', '%2E%2E%2F');
  return fc.oneof(
    { weight: 3, arbitrary: plausible.map(encodeBytes) },
    { weight: 2, arbitrary: hostileText.map((text) => encodeBytes(text.slice(0, 3000)) || 'x') },
    { weight: 1, arbitrary: raw },
  );
}

/** Percent-encodes every byte but the unreserved ones; a dot segment (which a URL parser would resolve) becomes x. */
function encodeBytes(text: string): string {
  if (/^\.{1,2}$/.test(text)) return 'x';
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Query parameters: the documented ones (valid or not), sometimes an unknown one or a repeated one. */
function queryFor(parameters: readonly Parameter[], document: OpenApi): fc.Arbitrary<[string, string][]> {
  const text = (schema: Schema | undefined) =>
    valueFor(schema ?? { type: 'string' }, document).map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')));
  const documented = parameters.map((parameter) =>
    fc.option(
      text(parameter.schema).map((value): [string, string] => [parameter.name, value]),
      { nil: undefined, freq: 3 },
    ),
  );
  const odd = fc.oneof(
    { weight: 4, arbitrary: fc.constant<[string, string][]>([]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<[string, string][]>(
        [['unknown', '1']],
        [['q[a]', '1']],
        [['__proto__', 'x']],
        [
          ['on', '2025-01-01'],
          ['on', '2025-01-02'],
        ],
      ),
    },
  );
  return fc.tuple(fc.tuple(...documented), odd).map(([values, more]) => [...values.filter((v) => v !== undefined), ...more]);
}

/** Headers: mostly an administrator's token, sometimes none or a bad one; odd Idempotency-Key, If-Match and Content-Type. */
function headersFor(t: RegistryUnderTest, hasBody: boolean): fc.Arbitrary<Record<string, string>> {
  const authorization = fc.oneof(
    { weight: 8, arbitrary: fc.constant(`Bearer ${t.admin}`) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'Token x',
        'Bearer',
        'Bearer not.a.token',
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        `Bearer ${t.app.token(['unit_officer'], ['ELSEWHERE'], 'p-officer')}`,
        `Bearer ${t.app.token([], [], 'p-nobody')}`,
        `Bearer ${t.admin.split('.').slice(0, 2).join('.')}.`,
        `Bearer ${t.admin}x`,
      ),
    },
  );
  const latin1 = fc.string({
    unit: fc
      .integer({ min: 0x21, max: 0xfe })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 220,
  });
  const idempotencyKey = fc.option(fc.oneof(fc.constantFrom('k-1', 'é', ' ', 'k'.repeat(201)), latin1), { freq: 2 });
  const ifMatch = fc.option(fc.constantFrom('"0"', '"1"', '"3"', '*', 'W/"1"', '"01"', '"1", "2"', '"abc"', '"9999999999999999"', '1'), {
    freq: 2,
  });
  const contentType = hasBody
    ? fc.oneof(
        { weight: 6, arbitrary: fc.constant('application/json') },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            'text/plain',
            'application/json; charset=utf-16',
            'multipart/form-data',
            'application/x-www-form-urlencoded',
            'application/merge-patch+json',
            'application/xml',
            '',
          ),
        },
      )
    : fc.constant(undefined);
  return fc
    .record({ authorization, idempotencyKey, ifMatch, contentType })
    .map(({ authorization, idempotencyKey, ifMatch, contentType }) => ({
      ...(authorization ? { authorization } : {}),
      ...(idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey }),
      ...(ifMatch === null ? {} : { 'if-match': ifMatch }),
      ...(contentType === undefined ? {} : { 'content-type': contentType }),
    }));
}

/** A multipart upload for the import route: random bytes or a CSV-looking file, under an odd name sometimes. */
const uploads = fc
  .record({
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.constantFrom('code,name\nA,甲\n', 'PK\u0003\u0004broken', '\ufeffcode\n\u0000').map((text) => new TextEncoder().encode(text)),
    ),
    name: fc.constantFrom('a.csv', 'a.xlsx', '', '名单.csv', 'a\u0000.csv', '../../x.csv'),
    field: fc.constantFrom('file', 'file', 'other'),
  })
  .map(({ bytes, name, field }) => {
    const form = new FormData();
    form.append(field, new Blob([bytes]), name);
    return form;
  });

function attemptsFor(t: RegistryUnderTest, document: OpenApi, path: string, method: string, operation: Operation): fc.Arbitrary<Attempt> {
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((p) => p.in === 'path');
  const segments = fc.record(Object.fromEntries(pathParameters.map((p) => [p.name, pathValue(p.name)])));
  const jsonSchema = operation.requestBody?.content['application/json']?.schema;
  const isUpload = operation.requestBody?.content['multipart/form-data'] !== undefined;
  const body: fc.Arbitrary<string | FormData | undefined> = jsonSchema
    ? bodyFor(jsonSchema, document)
    : isUpload
      ? fc.oneof({ weight: 3, arbitrary: uploads }, { weight: 1, arbitrary: bodyFor({ type: 'object' }, document) })
      : fc.constant(undefined);
  return fc
    .record({
      segments,
      query: queryFor(
        parameters.filter((p) => p.in === 'query'),
        document,
      ),
      headers: headersFor(t, method !== 'get' && !isUpload),
      body,
    })
    .map(({ segments, query, headers, body }) => ({
      path: path.replace(/\{(\w+)\}/g, (_, name: string) => segments[name]),
      query,
      headers,
      ...(body === undefined ? {} : { body }),
    }));
}

describe('every operation of the OpenAPI document under generated hostile input', () => {
  let t: RegistryUnderTest;
  let document: OpenApi;
  let pool: Pool;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    t = await startRegistry();
    document = (await t.get('/api-docs-json')).body as OpenApi;
    pool = new Pool({ ...postgresConnection(t.app.config), max: 1 });
    const unit = await t.post('/units', {
      code: UNIT,
      name: '模糊测试区委',
      kind: 'party_committee',
      level: 'district',
      jurisdictionCode: '410105',
      effectiveFrom: '2020-01-01',
    });
    const person = await t.post('/people', { staffNumber: STAFF, name: '张伟', gender: 'male', birthYear: 1970 });
    expect([unit.status, person.status]).toEqual([201, 201]);
  });
  afterAll(async () => {
    await pool?.end();
    await t?.app.close();
  });

  const events = async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );

  it('never answers 5xx; answers 4xx as documented problem+json, 2xx as documented, and a refusal writes nothing', async () => {
    expect(operations().length).toBeGreaterThan(30);
    for (const { path, method, operation } of operations()) {
      await fc.assert(
        fc.asyncProperty(attemptsFor(t, document, path, method, operation), async (attempt) => {
          const before = await events();
          const url = `${t.app.url}${attempt.path}${attempt.query.length ? `?${new URLSearchParams(attempt.query).toString()}` : ''}`;
          // Over 16 KB of request line the server answers 431 and closes at once: a body still being sent would fail on the client.
          const body = url.length > 12_000 ? undefined : attempt.body;
          const response = await fetch(url, { method: method.toUpperCase(), headers: attempt.headers, body });
          const text = await response.text();
          const where = `${method.toUpperCase()} ${path} → ${response.status} ${text.slice(0, 300)}`;
          expect([where, response.status < 500]).toEqual([where, true]);
          if (response.status >= 400) {
            expect([where, response.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE)]).toEqual([where, true]);
            const problem = JSON.parse(text) as { status: number; code: string };
            expect([where, problem.status, typeof problem.code]).toEqual([where, response.status, 'string']);
            const general = operation.responses.default?.description ?? '';
            const documented = String(response.status) in operation.responses || general.includes(`${problem.code} (${response.status}`);
            expect([where, documented]).toEqual([where, true]);
            expect([where, await events()]).toEqual([where, before]);
          } else {
            const schema = operation.responses[String(response.status)]?.content?.['application/json']?.schema;
            expect([where, String(response.status) in operation.responses]).toEqual([where, true]);
            if (schema) {
              const validate = validatorFor(`${method} ${path} ${response.status}`, schema);
              expect([where, validate(JSON.parse(text)) ? [] : validate.errors]).toEqual([where, []]);
            }
          }
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
  }, 180_000);

  it('answers a request line over 16 KB with 431 problem+json, as the default response of every operation says', async () => {
    const response = await fetch(`${t.app.url}/units/search?q=${'%E9%95%BF'.repeat(2500)}`, {
      headers: { authorization: `Bearer ${t.admin}` },
    });
    expect([response.status, response.headers.get('content-type'), ((await response.json()) as { code: string }).code]).toEqual([
      431,
      PROBLEM_CONTENT_TYPE,
      'REQUEST.HEADERS_TOO_LARGE',
    ]);
  });

  function validatorFor(key: string, schema: Schema): ValidateFunction {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(withNullable({ ...schema, components: document.components }) as object);
      validators.set(key, validate);
    }
    return validate;
  }
});

function resolve(schema: Schema, document: OpenApi): Schema {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  return ref ? resolve(document.components.schemas[ref.split('/').pop()!], document) : schema;
}

/** OpenAPI 3.0's `nullable` as JSON Schema: null or the schema. */
function withNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withNullable);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const mapped = Object.fromEntries(Object.entries(rest).map(([key, item]) => [key, withNullable(item)]));
  return nullable === true ? { anyOf: [{ type: 'null' }, mapped] } : mapped;
}
