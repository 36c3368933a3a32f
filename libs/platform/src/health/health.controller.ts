import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { HttpProblem, PLATFORM_CODES } from '../http/problem';
import { PLATFORM_LOGGER, type Logger } from '../logging/logger';
import { HealthChecks, type CheckResult } from './health-checks';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthChecks,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /**
   * Ready while every critical dependency answers (`degraded` naming the others that do not);
   * 503 problem+json naming the failed critical checks otherwise.
   */
  @Get('ready')
  async ready(): Promise<{ status: 'up' | 'degraded'; checks: readonly CheckResult[] }> {
    const readiness = await this.health.run();
    for (const failure of readiness.failures) this.logger.warn({ check: failure.name, err: failure.error }, 'readiness check failed');
    if (readiness.status !== 'down') return { status: readiness.status, checks: readiness.checks };
    const down = readiness.checks.filter((check) => check.status === 'down' && check.critical).map((check) => check.name);
    throw new HttpProblem({
      status: 503,
      code: PLATFORM_CODES.notReady,
      detail: `Not ready: ${down.join(', ')}.`,
      extensions: { checks: readiness.checks },
    });
  }
}
