import { Body, Controller, Get, Module, Param, Post, Res, type OnModuleInit } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsArray, IsNotEmpty, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import jwt from 'jsonwebtoken';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Pool } from 'pg';
import { DomainError } from '@app/domain';
import {
  CurrentPrincipal,
  ExpectedVersion,
  HealthChecks,
  IdempotencyKey,
  Metrics,
  Roles,
  ServiceEnv,
  createLogger,
  currentCorrelationId,
  jwtSettings,
  kafkaCheck,
  loadConfig,
  mintToken,
  postgresCheck,
  setETag,
  startService,
  type Principal,
} from '@app/platform';

type Json = Record<string, any>;
const json = async (response: Response): Promise<Json> => (await response.json()) as Json;

class RowDto {
  @IsString()
  @Matches(/^[A-Z]+$/)
  code!: string;
}

class CreateThingDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RowDto)
  rows?: RowDto[];
}

@Controller('things')
class ThingsController {
  constructor(private readonly metrics: Metrics) {}

  @Post()
  @Roles('unit_officer')
  create(
    @Body() dto: CreateThingDto,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
    @ExpectedVersion() expectedVersion?: number,
  ) {
    this.metrics.counter({ name: 'things_created_total', help: 'Things created' }).inc();
    return { name: dto.name, personId: principal.personId, key, expectedVersion, correlationId: currentCorrelationId() };
  }

  @Post('taken')
  taken(): never {
    throw new DomainError('THING.TAKEN', 'That thing is taken.', 'conflict');
  }

  @Get('boom')
  boom(): never {
    throw new Error('relation "secret_table" does not exist: SELECT password FROM secret_table');
  }

  @Get(':id')
  read(@Param('id') id: string, @Res({ passthrough: true }) response: { setHeader(name: string, value: string): unknown }) {
    setETag(response, 3);
    return { id };
  }
}

class PlatformTestEnv extends ServiceEnv {
  override PORT = 0;
  override PGDATABASE = 'postgres';
}

const config = loadConfig(PlatformTestEnv, {
  NODE_ENV: 'test',
  PGUSER: 'postgres',
  JWT_SECRET: 'integration-test-secret-0123456789-abcdef',
  JWT_ISSUER: 'platform-test',
  JWT_AUDIENCE: 'platform-test-services',
  LOG_LEVEL: 'debug',
});
const settings = jwtSettings(config);
const pool = new Pool({
  host: config.PGHOST,
  port: config.PGPORT,
  user: config.PGUSER,
  password: config.PGPASSWORD,
  database: 'postgres',
  max: 1,
});
const flakyPool = new Pool({
  host: config.PGHOST,
  port: config.PGPORT,
  user: config.PGUSER,
  password: config.PGPASSWORD,
  database: 'postgres',
  max: 1,
});
const admin: Admin = new Kafka({ clientId: 'platform-int-spec', brokers: config.KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();

@Module({ controllers: [ThingsController] })
class ThingsModule implements OnModuleInit {
  constructor(private readonly health: HealthChecks) {}
  onModuleInit(): void {
    this.health.add(postgresCheck(pool), postgresCheck(flakyPool, 'postgres-flaky'), kafkaCheck(admin));
  }
}

describe('a service built with the platform, over HTTP', () => {
  const logLines: Record<string, unknown>[] = [];
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    await admin.connect();
    const logger = createLogger('platform-test', 'debug', { write: (line: string) => void logLines.push(JSON.parse(line)) });
    app = await startService({ name: 'platform-test', title: 'Platform test', module: ThingsModule, config, logger });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await admin.disconnect();
    await pool.end();
    if (!(flakyPool as unknown as { ending: boolean }).ending) await flakyPool.end();
  });

  const officer = () => mintToken({ sub: 'P-OFFICER', roles: ['unit_officer'], units: ['U-1'] }, settings);
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer()}`, ...headers },
    });

  it('serves the OpenAPI document with bearer auth declared', async () => {
    const response = await fetch(`${url}/api-docs-json`);
    expect(response.status).toBe(200);
    const document = await json(response);
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/things'].post.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
        expect.objectContaining({ name: 'If-Match', in: 'header' }),
      ]),
    );
    expect(document.paths['/health/live'].get.security).toEqual([{}]);
    expect(document.paths['/metrics']).toBeUndefined();
    expect((await fetch(`${url}/api-docs`)).status).toBe(200);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        msg: expect.stringMatching(/^platform-test listening on http:\/\/127\.0\.0\.1:\d+$/),
        docs: `${url}/api-docs`,
      }),
    );
  });

  it('answers 200 to the right role, passing the idempotency key and expected version in', async () => {
    const response = await post('/things', JSON.stringify({ name: '台账', rows: [{ code: 'AB' }] }), {
      'idempotency-key': 'key-1',
      'if-match': '"4"',
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ name: '台账', personId: 'P-OFFICER', key: 'key-1', expectedVersion: 4 });
  });

  it('sets the ETag on reads', async () => {
    const response = await fetch(`${url}/things/T-1`, { headers: { authorization: `Bearer ${officer()}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"3"');
  });

  it('names an unknown field and a nested bad field in a 400 problem', async () => {
    const response = await post('/things', JSON.stringify({ name: 'x', nickname: 'y', rows: [{ code: 'AB' }, { code: 'lower' }] }));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await json(response);
    expect(problem).toMatchObject({ status: 400, code: 'REQUEST.INVALID', instance: '/things' });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'nickname', message: 'property nickname should not exist' },
        { field: 'rows[1].code', message: expect.stringContaining('code must match') },
      ]),
    );
  });

  it('answers a body that is not an object with 400, not 500', async () => {
    const array = await post('/things', '[1,2]');
    expect(array.status).toBe(400);
    expect((await json(array)).errors).toEqual([{ field: '(body)', message: 'The body must be a JSON object.' }]);
    expect((await post('/things', '"text"')).status).toBe(400);
    expect((await post('/things', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('answers malformed JSON with 400 REQUEST.MALFORMED_JSON without echoing it', async () => {
    const response = await post('/things', '{"name": "secret-value",');
    expect(response.status).toBe(400);
    const problem = await json(response);
    expect(problem.code).toBe('REQUEST.MALFORMED_JSON');
    expect(JSON.stringify(problem)).not.toContain('secret-value');
  });

  it('answers a body over the limit with 413', async () => {
    const response = await post('/things', JSON.stringify({ name: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
    expect((await json(response)).code).toBe('REQUEST.TOO_LARGE');
  });

  it('refuses a bad Idempotency-Key and a weak If-Match with 400', async () => {
    const body = JSON.stringify({ name: 'x' });
    expect((await json(await post('/things', body, { 'idempotency-key': 'k'.repeat(201) }))).code).toBe('REQUEST.BAD_IDEMPOTENCY_KEY');
    expect((await json(await post('/things', body, { 'if-match': 'W/"3"' }))).code).toBe('REQUEST.BAD_IF_MATCH');
  });

  it('maps a DomainError by its kind', async () => {
    const response = await post('/things/taken', '{}');
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({ code: 'THING.TAKEN', detail: 'That thing is taken.', title: 'Conflict' });
  });

  it('answers an unexpected error with 500 INTERNAL, leaking nothing, and logs it with the correlation id', async () => {
    const response = await fetch(`${url}/things/boom`, {
      headers: { authorization: `Bearer ${officer()}`, 'x-correlation-id': 'corr-boom-1' },
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'INTERNAL', correlationId: 'corr-boom-1' });
    expect(text).not.toMatch(/secret_table|SELECT|password|\.ts:/);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        correlationId: 'corr-boom-1',
        err: expect.objectContaining({ message: expect.stringContaining('secret_table') }),
      }),
    );
  });

  it('answers 401 without a token, with a wrong one, and with alg none', async () => {
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'P-X', roles: ['unit_officer'], exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url')}.`;
    const forged = jwt.sign({ sub: 'P-X', roles: ['unit_officer'] }, 'another-secret-another-secret-another', {
      algorithm: 'HS256',
      expiresIn: '1h',
    });
    for (const authorization of [undefined, `Bearer ${unsigned}`, `Bearer ${forged}`, 'Basic dXNlcjpwYXNz']) {
      const response = await fetch(`${url}/things/T-1`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await json(response)).code).toBe('AUTH.UNAUTHENTICATED');
    }
  });

  it('answers 403 when the role does not fit', async () => {
    const auditor = mintToken({ sub: 'P-AUDIT', roles: ['auditor'] }, settings);
    const response = await post('/things', JSON.stringify({ name: 'x' }), { authorization: `Bearer ${auditor}` });
    expect(response.status).toBe(403);
    expect((await json(response)).code).toBe('AUTH.FORBIDDEN');
  });

  it('echoes a valid correlation id, replaces an invalid one, and keeps it for the whole request', async () => {
    const echoed = await post('/things', JSON.stringify({ name: 'x' }), { 'x-correlation-id': 'corr-123' });
    expect(echoed.headers.get('x-correlation-id')).toBe('corr-123');
    expect((await json(echoed)).correlationId).toBe('corr-123');
    const replaced = await fetch(`${url}/health/live`, { headers: { 'x-correlation-id': 'bad id\twith tab' } });
    expect(replaced.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: 'request completed', route: '/things', correlationId: 'corr-123', status: 201 }),
    );
  });

  it('never logs request bodies, whether accepted, refused or malformed', async () => {
    const before = logLines.length;
    const accepted = await post('/things', JSON.stringify({ name: '保密台账', rows: [{ code: 'AB' }] }), { 'idempotency-key': 'key-log' });
    const refused = await post('/things', JSON.stringify({ name: 'x', nickname: 'secret-nickname', rows: [{ code: 'AB' }] }));
    const malformed = await post('/things', '{"name": "secret-value-2",');
    expect([accepted.status, refused.status, malformed.status]).toEqual([201, 400, 400]);
    const written = logLines.slice(before);
    // The requests were logged (so the check below looks at real lines), their bodies were not.
    expect(written.filter((line) => line.msg === 'request completed')).toHaveLength(3);
    expect(JSON.stringify(written)).not.toMatch(/保密台账|secret-nickname|secret-value-2/);
  });

  it('is live, and ready while its dependencies answer; 503 naming the one that does not', async () => {
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(await json(live)).toEqual({ status: 'up' });

    const ready = await fetch(`${url}/health/ready`);
    expect(await json(ready)).toMatchObject({
      status: 'up',
      checks: expect.arrayContaining([expect.objectContaining({ name: 'kafka', status: 'up' })]),
    });
    expect(ready.status).toBe(200);

    await flakyPool.end();
    const notReady = await fetch(`${url}/health/ready`);
    expect(notReady.status).toBe(503);
    const problem = await json(notReady);
    expect(problem).toMatchObject({ code: 'HEALTH.NOT_READY', detail: 'Not ready: postgres-flaky.' });
    expect(problem.checks).toContainEqual(expect.objectContaining({ name: 'postgres-flaky', status: 'down' }));
    expect(problem.checks).toContainEqual(expect.objectContaining({ name: 'postgres', status: 'up' }));
  });

  it('exposes Prometheus metrics: the HTTP histogram by route template, process metrics and registered ones', async () => {
    await fetch(`${url}/things/T-42`, { headers: { authorization: `Bearer ${officer()}` } });
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/http_request_duration_seconds_bucket\{.*method="GET".*route="\/things\/:id".*status="200".*\}/);
    expect(text).not.toContain('T-42');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/things_created_total\{service="platform-test"\} [1-9]/);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await fetch(`${url}/nowhere`, { headers: { authorization: `Bearer ${officer()}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
