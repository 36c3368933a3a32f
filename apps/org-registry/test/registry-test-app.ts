import { randomBytes } from 'node:crypto';
import type { Logger } from '@app/platform';
import { startTestApp, type TestApp } from '@app/testing';
import { RegistryEnv } from '../src/registry.env';
import { RegistryModule } from '../src/registry.module';

export interface RegistryUnderTest {
  readonly app: TestApp<RegistryEnv>;
  /** A registry administrator who is also an auditor. */
  readonly admin: string;
  post(path: string, body: unknown, headers?: Record<string, string>, token?: string): ReturnType<TestApp<RegistryEnv>['request']>;
  get(path: string, token?: string): ReturnType<TestApp<RegistryEnv>['request']>;
}

/**
 * The registry booted as in production on a database of its own, for one test file: call in
 * `beforeAll`, close the app in `afterAll`.
 */
export async function startRegistry(adminId = 'p-admin', logger?: Logger): Promise<RegistryUnderTest> {
  const app = await startTestApp({
    name: 'org-registry',
    env: RegistryEnv,
    module: (config) => RegistryModule.forRoot(config),
    ...(logger ? { logger } : {}),
  });
  const admin = app.token(['registry_admin', 'auditor'], [], adminId);
  return {
    app,
    admin,
    post: (path, body, headers = {}, token = admin) => app.request('POST', path, { token, body, headers }),
    get: (path, token = admin) => app.request('GET', path, { token }),
  };
}

/** Codes unique to one run of a test file: the broker's topic is shared by every test. */
export function runCodes(): { readonly run: string; readonly code: (name: string) => string } {
  const run = randomBytes(3).toString('hex').toUpperCase();
  return { run, code: (name) => `${name}-${run}` };
}
