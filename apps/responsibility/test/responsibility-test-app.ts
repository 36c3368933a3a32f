import type { Logger } from '@app/platform';
import { startTestApp, type TestApp } from '@app/testing';
import { ResponsibilityEnv } from '../src/responsibility.env';
import { ResponsibilityModule } from '../src/responsibility.module';

export type ResponsibilityUnderTest = TestApp<ResponsibilityEnv>;

/**
 * Responsibility tracking booted as in production on a database of its own, for one test file:
 * call in `beforeAll`, close the app in `afterAll`.
 */
export function startResponsibility(logger?: Logger): Promise<ResponsibilityUnderTest> {
  return startTestApp({
    name: 'responsibility',
    env: ResponsibilityEnv,
    module: (config) => ResponsibilityModule.forRoot(config),
    ...(logger ? { logger } : {}),
  });
}
