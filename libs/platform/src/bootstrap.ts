import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ConfigError } from './config/load-config';
import type { ServiceEnv } from './config/service-env';
import { correlationMiddleware } from './context/correlation';
import { ProblemFilter } from './http/problem.filter';
import { PLATFORM_CODES, PROBLEM_CONTENT_TYPE } from './http/problem';
import { PROBLEM_SCHEMA_REF } from './http/openapi-responses';
import { admissionMiddleware } from './http/admission';
import { answerClientError, requireKnownBodyType, requireUtf8 } from './http/body-checks';
import { createValidationPipe, INPUT_CODES } from './http/validation';
import { createLogger, PLATFORM_LOGGER, PlatformLogger, type Logger } from './logging/logger';
import { httpMetricsMiddleware, Metrics } from './metrics/metrics';
import { PlatformModule } from './platform.module';

export interface ServiceAppOptions {
  /** `org-registry`: names logs, metrics and the OpenAPI document. */
  readonly name: string;
  /** The service's root module; PlatformModule is added beside it. */
  readonly module: Type<unknown> | DynamicModule;
  readonly config: ServiceEnv;
  /** OpenAPI title; defaults to the name. */
  readonly title?: string;
  /** OpenAPI description, before the platform's account of errors, headers and auth. */
  readonly description?: string;
  readonly version?: string;
  /** Largest JSON body accepted (larger → 413). Default `1mb`. */
  readonly bodyLimit?: string;
  readonly logger?: Logger;
  /** Connects the service's other transports (e.g. its Kafka inbox) before it listens; they start with it. */
  readonly connect?: (app: NestExpressApplication) => Promise<void> | void;
}

export const API_DOCS_PATH = 'api-docs';

@Module({})
class ServiceRootModule {}

/** Builds the configured Nest app without listening: logger, middleware, pipe, filter, guard, docs. */
export async function createServiceApp(options: ServiceAppOptions): Promise<NestExpressApplication> {
  const logger = options.logger ?? createLogger(options.name, options.config.LOG_LEVEL);
  const root: DynamicModule = {
    module: ServiceRootModule,
    imports: [PlatformModule.forService({ name: options.name, config: options.config, logger }), options.module],
  };
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: new PlatformLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.getHttpServer().on('clientError', answerClientError);
  app.use(correlationMiddleware);
  app.use(httpMetricsMiddleware(app.get(Metrics), logger));
  app.use(admissionMiddleware(options.config.HTTP_MAX_IN_FLIGHT));
  app.use(requireKnownBodyType);
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb', type: ['application/json', 'application/*+json'], verify: requireUtf8 });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(logger));
  setupOpenApi(app, { title: options.title ?? options.name, version: options.version ?? '1.0.0', description: options.description });
  app.enableShutdownHooks();
  return app;
}

/** createServiceApp, then listen on `config.PORT` at `config.HOST` and log where. */
export async function startService(options: ServiceAppOptions): Promise<NestExpressApplication> {
  const app = await createServiceApp(options);
  try {
    if (options.connect) {
      await options.connect(app);
      await app.startAllMicroservices();
    }
    await app.listen(options.config.PORT, options.config.HOST);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  const logger = app.get<Logger>(PLATFORM_LOGGER);
  logger.info(
    {
      url,
      docs: `${url}/${API_DOCS_PATH}`,
      openapi: `${url}/${API_DOCS_PATH}-json`,
      health: `${url}/health/ready`,
      metrics: `${url}/metrics`,
    },
    `${options.name} listening on ${url}`,
  );
  return app;
}

/**
 * Runs a process entry point; a failure ends the process with exit code 1 and a clear message
 * (a bad environment prints only the list of bad variables).
 *
 *   runMain(() => startService({ name: 'case-handling', module: CaseHandlingModule, config: loadConfig(CaseHandlingEnv) }));
 */
export function runMain(entry: () => Promise<unknown>): void {
  Promise.resolve()
    .then(entry)
    .catch((error: unknown) => {
      process.stderr.write(
        `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}

/** What every service's API shares, told once in each document's description. */
const CONTRACT_DESCRIPTION = [
  'Every failure is `application/problem+json` (RFC 9457) with a stable `code`; a 400 names each bad field in `errors`.',
  'Commands take `Idempotency-Key` (a retry returns the first answer) and, once a stream exists, `If-Match: "<version>"` from the last `ETag` (412 when it moved on).',
  'Every route but health needs a bearer JWT; 401 without a valid one, 403 when the role or the unit does not fit.',
].join('\n\n');

function setupOpenApi(app: NestExpressApplication, info: { title: string; version: string; description?: string }): void {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setVersion(info.version)
    .setDescription([info.description, CONTRACT_DESCRIPTION].filter(Boolean).join('\n\n'))
    .addServer('/', 'This service, at the address the document was read from')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = withDeclaredTags(withHealthResponses(withProblemResponses(SwaggerModule.createDocument(app, config))));
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json`, customSiteTitle: info.title });
}

type Operations = Record<string, { tags?: string[]; description?: string; responses: Record<string, unknown> }>;

function operationsOf(document: OpenAPIObject): { path: string; method: string; operation: Operations[string] }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Operations)
      .filter(([, operation]) => typeof operation === 'object' && operation !== null && 'responses' in operation)
      .map(([method, operation]) => ({ path, method, operation })),
  );
}

/** Declares every tag an operation uses, in order of first use. */
function withDeclaredTags(document: OpenAPIObject): OpenAPIObject {
  const names = [...new Set(operationsOf(document).flatMap(({ operation }) => operation.tags ?? []))];
  const declared = document.tags ?? [];
  document.tags = [...declared, ...names.filter((name) => !declared.some((tag) => tag.name === name)).map((name) => ({ name }))];
  return document;
}

/** The platform's health routes, whose controller carries no OpenAPI decorators of its own. */
function withHealthResponses(document: OpenAPIObject): OpenAPIObject {
  const check = {
    type: 'object',
    required: ['name', 'status', 'critical', 'durationMs'],
    properties: {
      name: { type: 'string', example: 'postgres' },
      status: { type: 'string', enum: ['up', 'down'] },
      critical: { type: 'boolean', description: 'A critical check that fails takes the service out of rotation (503)' },
      durationMs: { type: 'integer' },
      reason: { type: 'string', description: 'Why a check is down, e.g. ECONNREFUSED or timed out' },
      detail: { type: 'object', additionalProperties: true, description: 'What the check reports beside its result, e.g. a backlog' },
    },
  };
  const up = { type: 'string', enum: ['up'] };
  const ready = { type: 'string', enum: ['up', 'degraded'], description: 'degraded: a non-critical check failed' };
  const docs: Record<string, { description: string; schema: object; problems?: object }> = {
    '/health/live': {
      description: 'Answers while the process serves HTTP; for a liveness probe.',
      schema: { type: 'object', required: ['status'], properties: { status: up } },
    },
    '/health/ready': {
      description: 'Runs every readiness check; 503 naming the critical checks that failed, degraded when only others did.',
      schema: { type: 'object', required: ['status', 'checks'], properties: { status: ready, checks: { type: 'array', items: check } } },
      problems: { '503': problemResponse(`Problem details with code ${PLATFORM_CODES.notReady}, and the checks`) },
    },
  };
  for (const { path, method, operation } of operationsOf(document)) {
    const doc = docs[path];
    if (!doc || method !== 'get') continue;
    operation.description ??= doc.description;
    operation.responses['200'] = { description: 'Serving', content: { 'application/json': { schema: doc.schema } } };
    Object.assign(operation.responses, doc.problems);
  }
  return document;
}

function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } } };
}

/** What any request can meet, whatever the route: told in every operation's default response. */
const GENERAL_PROBLEMS = `Problem details (RFC 9457) with code ${[
  `${PLATFORM_CODES.internal} (500, an unexpected failure)`,
  `${PLATFORM_CODES.databaseUnavailable} (503 with Retry-After, the database session was lost)`,
  `${PLATFORM_CODES.overloaded} (503 with Retry-After, the service's limit of requests in progress is reached; nothing was done)`,
  `${PLATFORM_CODES.routeNotFound} (404, no such route)`,
  `${INPUT_CODES.headersTooLarge} (431, request line and headers over 16 KB)`,
  `${INPUT_CODES.malformedRequest} (400, not well-formed HTTP)`,
].join(', ')}`;

/** Declares the problem+json body once and makes it every operation's default response. */
function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail', 'code', 'instance'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          code: { type: 'string', example: 'REQUEST.INVALID' },
          instance: { type: 'string' },
          correlationId: { type: 'string' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'message'],
              properties: { field: { type: 'string', example: 'rows[3].code' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  };
  for (const { operation } of operationsOf(document)) {
    operation.responses.default ??= problemResponse(GENERAL_PROBLEMS);
  }
  return document;
}
