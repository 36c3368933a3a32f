import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { migrateService } from '@app/eventstore';
import { createServiceApp, jwtSettings, loadConfig, MigrationEnv, mintToken, type Logger, type Role, type ServiceEnv } from '@app/platform';
import { adminQuery, dropDatabase, PG_CONNECTION } from './database';

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

/**
 * Boots a service as it runs in production, on a fresh database of its own, on a free port: the
 * migration step first, as the owner, then the service as a role of its own with a password.
 */
export async function startTestApp<E extends ServiceEnv>(options: {
  readonly name: string;
  readonly env: new () => E;
  readonly module: (config: E) => DynamicModule;
  readonly vars?: Record<string, string>;
  /** The service's logger, e.g. one writing to a buffer a test searches. */
  readonly logger?: Logger;
}): Promise<TestApp<E>> {
  const database = `${options.name.replace(/-/g, '_')}_t${randomBytes(4).toString('hex')}`;
  const role = `${database}_svc`;
  // The checkpoint signing key and the witness directory, outside the database, thrown away with it.
  const auditDirectory = mkdtempSync(join(tmpdir(), `${database}-audit-`));
  const config = loadConfig(options.env, {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    PGDATABASE: database,
    PGUSER: role,
    PGPASSWORD: randomBytes(18).toString('base64url'),
    JWT_ISSUER: 'test-issuer',
    JWT_AUDIENCE: 'test-services',
    AUDIT_SIGNING_KEY_FILE: join(auditDirectory, 'checkpoint-signing.key'),
    AUDIT_WITNESS_DIR: join(auditDirectory, 'witness'),
    ...options.vars,
  });
  const module = options.module(config);
  const cleanUp = async () => {
    await dropDatabase(database);
    await adminQuery(`DROP ROLE IF EXISTS ${config.PGUSER}`);
    rmSync(auditDirectory, { recursive: true, force: true });
  };
  let app: NestExpressApplication | undefined;
  try {
    await migrateService(
      module,
      config,
      loadConfig(MigrationEnv, {
        PG_OWNER_USER: PG_CONNECTION.user,
        ...(PG_CONNECTION.password ? { PG_OWNER_PASSWORD: PG_CONNECTION.password } : {}),
      }),
    );
    app = await createServiceApp({ name: options.name, module, config, ...(options.logger ? { logger: options.logger } : {}) });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    await cleanUp();
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
      await cleanUp();
    },
  };
}
