import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ConfigError } from './config/load-config';
import type { ServiceEnv } from './config/service-env';
import { correlationMiddleware } from './context/correlation';
import { ProblemFilter } from './http/problem.filter';
import { PROBLEM_CONTENT_TYPE } from './http/problem';
import { requireKnownBodyType, requireUtf8 } from './http/body-checks';
import { createValidationPipe } from './http/validation';
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
  app.use(correlationMiddleware);
  app.use(httpMetricsMiddleware(app.get(Metrics), logger));
  app.use(requireKnownBodyType);
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb', type: ['application/json', 'application/*+json'], verify: requireUtf8 });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(logger));
  setupOpenApi(app, options.title ?? options.name, options.version ?? '1.0.0');
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

function setupOpenApi(app: NestExpressApplication, title: string, version: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = withProblemResponses(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json`, customSiteTitle: title });
}

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
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      (operation as { responses: Record<string, unknown> }).responses.default ??= {
        description: 'Problem details (RFC 9457)',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return document;
}
