import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, JWT_SETTINGS } from './auth/auth.guard';
import { jwtSettings } from './auth/jwt';
import { ServiceEnv } from './config/service-env';
import { HealthController } from './health/health.controller';
import { HealthChecks, type HealthCheck } from './health/health-checks';
import { createLogger, PLATFORM_LOGGER, type Logger } from './logging/logger';
import { MetricsController } from './metrics/metrics.controller';
import { Metrics } from './metrics/metrics';

export interface PlatformOptions {
  /** Service name, as in logs, metrics and event metadata: `org-registry`. */
  readonly name: string;
  /** The app's validated env (an instance of a ServiceEnv subclass), injectable by its own class. */
  readonly config: ServiceEnv;
  readonly logger?: Logger;
  readonly healthChecks?: readonly HealthCheck[];
}

/**
 * What every service gets, globally: its config, the pino logger (PLATFORM_LOGGER), Metrics,
 * HealthChecks, /health and /metrics, and the bearer-token guard on every route.
 */
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const configClass = options.config.constructor as new () => ServiceEnv;
    const providers: Provider[] = [
      { provide: ServiceEnv, useValue: options.config },
      ...(configClass === ServiceEnv ? [] : [{ provide: configClass, useValue: options.config }]),
      { provide: JWT_SETTINGS, useValue: jwtSettings(options.config) },
      { provide: PLATFORM_LOGGER, useValue: options.logger ?? createLogger(options.name, options.config.LOG_LEVEL) },
      { provide: Metrics, useFactory: () => new Metrics(options.name) },
      { provide: HealthChecks, useValue: new HealthChecks(options.healthChecks) },
    ];
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [...providers, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: providers,
    };
  }
}
