import { randomBytes } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServiceApp, jwtSettings, loadConfig, mintToken, type Role, type ServiceEnv } from '@app/platform';
import { dropDatabase } from './database';

export interface TestApp<E extends ServiceEnv> {
  readonly app: NestExpressApplication;
  readonly url: string;
  readonly config: E;
  /** A bearer token for this app's settings. */
  token(roles: readonly Role[], units?: readonly string[], sub?: string): string;
  /** fetch against the app with JSON in and out. */
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** Boots a service as it runs in production, on a fresh database of its own, on a free port. */
export async function startTestApp<E extends ServiceEnv>(options: {
  readonly name: string;
  readonly env: new () => E;
  readonly module: (config: E) => DynamicModule;
  readonly vars?: Record<string, string>;
}): Promise<TestApp<E>> {
  const database = `${options.name.replace(/-/g, '_')}_t${randomBytes(4).toString('hex')}`;
  const config = loadConfig(options.env, {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    PGDATABASE: database,
    ...options.vars,
  });
  const app = await createServiceApp({ name: options.name, module: options.module(config), config });
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close().catch(() => undefined);
    await dropDatabase(database);
    throw error;
  }
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const settings = jwtSettings(config);
  return {
    app,
    url,
    config,
    token: (roles, units = [], sub = 'p-test') => mintToken({ sub, roles: [...roles], units: [...units] }, settings),
    async request(method, path, { token, body, headers = {} } = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      await app.close();
      await dropDatabase(database);
    },
  };
}
