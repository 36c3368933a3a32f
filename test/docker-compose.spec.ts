import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { loadConfig, SERVICE_PORTS, type ServiceEnv } from '@app/platform';
import { RegistryEnv } from '../apps/org-registry/src/registry.env';
import { CasesEnv } from '../apps/cases/src/cases.env';
import { ResponsibilityEnv } from '../apps/responsibility/src/responsibility.env';

const ROOT = join(__dirname, '..');

/** Every directory in apps/, with its key in SERVICE_PORTS and its env class. */
const APPS: Record<
  string,
  {
    readonly port: keyof typeof SERVICE_PORTS;
    readonly env: new () => ServiceEnv;
    /** Sample values for secrets the env class parses (compose leaves `${VAR:?…}` to .env). */
    readonly secrets?: Record<string, string>;
  }
> = {
  'org-registry': { port: 'organisationRegistry', env: RegistryEnv },
  responsibility: { port: 'responsibilityTracking', env: ResponsibilityEnv },
  cases: { port: 'caseHandling', env: CasesEnv, secrets: { PETITION_KEYS: `k1:${'0'.repeat(32)}`, PETITION_ACTIVE_KEY: 'k1' } },
};

interface Service {
  readonly image?: string;
  readonly restart?: string;
  readonly command?: readonly string[];
  readonly build?: { readonly context?: string; readonly args?: Record<string, string> };
  readonly environment?: Record<string, string | number>;
  readonly ports?: readonly string[];
  readonly depends_on?: Record<string, { readonly condition?: string }>;
  readonly healthcheck?: { readonly test: readonly string[] };
  readonly volumes?: readonly string[];
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const kafkaScript = readFileSync(join(ROOT, 'deploy/kafka/kafka.sh'), 'utf8');
const appDirectories = readdirSync(join(ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function environmentOf(service: Service): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value)]));
}

/**
 * The variables an env class reads. loadConfig validates with `whitelist: true`, which drops every
 * property without a class-validator decorator, so the decorated properties (own and inherited)
 * are exactly what the app sees. Keys of an instance are not: a field without an initialiser
 * (PGPASSWORD?, JWT_PUBLIC_KEY?) exists on it only under define semantics for class fields.
 */
function declaredVariables(envClass: new () => ServiceEnv): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))].sort();
}

/**
 * The broker settings kafka.sh writes, except the listeners and paths: those lines use `$` or
 * name listeners, and containers reach the broker differently (compose adds a host listener).
 */
function localBrokerSettings(): Record<string, string> {
  const properties = kafkaScript.slice(kafkaScript.indexOf('<<PROPS'), kafkaScript.indexOf('\nPROPS'));
  const lines = [...properties.matchAll(/^([a-z._-]+)=([^$\n]+)$/gm)].filter(([, key]) => !key.includes('listener'));
  return Object.fromEntries(lines.map(([, key, value]) => [key, value]));
}

/** The image's environment variable for a broker property, as apache/kafka converts them. */
function kafkaVariable(property: string): string {
  return `KAFKA_${property.replace(/_/g, '__').replace(/-/g, '___').replace(/\./g, '_').toUpperCase()}`;
}

describe('docker-compose.yml', () => {
  it('has a service for every app in apps/', () => {
    expect(Object.keys(APPS).sort()).toEqual(appDirectories);
    expect(appDirectories.filter((app) => !compose.services[app])).toEqual([]);
  });

  describe.each(appDirectories)('service %s', (app) => {
    const known = APPS[app];
    if (!known) {
      it('is known to this test', () => {
        throw new Error(`add apps/${app} to APPS with its SERVICE_PORTS key and env class, and give it a compose service`);
      });
      return;
    }
    const { env: EnvClass } = known;
    const port = SERVICE_PORTS[known.port];
    const service = compose.services[app] ?? {};
    const environment = environmentOf(service);

    it('is built from the Dockerfile for this app', () => {
      expect(dockerfile).toMatch(/^ARG APP$/m);
      expect(service.build).toEqual({ context: '.', args: { APP: app } });
    });

    it("publishes the app's default port and checks readiness there", () => {
      expect(new EnvClass().PORT).toBe(port);
      expect(service.ports).toEqual([`${port}:${port}`]);
      expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/health/ready`);
    });

    it('sets only variables the env class reads', () => {
      const declared = declaredVariables(EnvClass);
      expect(declared).toEqual(expect.arrayContaining(['PORT', 'PGDATABASE', 'KAFKA_BROKERS', 'JWT_SECRET']));
      expect(Object.keys(environment).filter((name) => !declared.includes(name))).toEqual([]);
    });

    it('gives the app a valid configuration in the image, wired to the compose services', () => {
      const imageNodeEnv = /^ENV .*\bNODE_ENV=(\w+)/m.exec(dockerfile)?.[1];
      expect(imageNodeEnv).toBe('production');
      const config = loadConfig(EnvClass, { NODE_ENV: imageNodeEnv, ...environment, ...known.secrets });
      expect(config).toMatchObject({
        NODE_ENV: 'production',
        PORT: port,
        HOST: '0.0.0.0',
        PGHOST: 'postgres',
        KAFKA_BROKERS: ['kafka:9092'],
      });
      expect(environment.PGDATABASE).toBeDefined();
      const advertised = environmentOf(compose.services.kafka)
        .KAFKA_ADVERTISED_LISTENERS.split(',')
        .map((listener) => listener.replace(/^\w+:\/\//, ''));
      expect(advertised).toEqual(expect.arrayContaining(config.KAFKA_BROKERS));
    });

    it('starts once PostgreSQL and Kafka are healthy and its migration step has completed, and is restarted', () => {
      const { [`${app}-migrate`]: migration, ...others } = service.depends_on ?? {};
      expect(migration?.condition).toBe('service_completed_successfully');
      expect(Object.keys(others)).toEqual(expect.arrayContaining(['postgres', 'kafka']));
      for (const dependency of Object.values(others)) expect(dependency.condition).toBe('service_healthy');
      expect(service.restart).toBe('unless-stopped');
    });

    it("runs as its own role with a password from .env, never with the owner's credentials; the migration step has them", () => {
      expect(environment.PGUSER).toBe(new EnvClass().PGUSER);
      expect(environment.PGPASSWORD).toMatch(/^\$\{[A-Z_]+_PGPASSWORD:\?/);
      expect(Object.keys(environment).filter((name) => name.startsWith('PG_OWNER'))).toEqual([]);
      const migration = compose.services[`${app}-migrate`];
      expect(migration.build).toEqual(service.build);
      expect(migration.command?.join(' ')).toMatch(/main\.js migrate/);
      expect(environmentOf(migration)).toMatchObject({
        PGDATABASE: environment.PGDATABASE,
        PGUSER: environment.PGUSER,
        PGPASSWORD: environment.PGPASSWORD,
        PG_OWNER_PASSWORD: expect.stringMatching(/^\$\{PG_OWNER_PASSWORD:\?/),
      });
    });
  });

  it('gives each app its own database', () => {
    const databases = appDirectories.map((app) => environmentOf(compose.services[app] ?? {}).PGDATABASE);
    expect(new Set(databases).size).toBe(databases.length);
  });

  it('runs Kafka in KRaft mode with the settings of deploy/kafka, without ZooKeeper', () => {
    const kafka = compose.services.kafka;
    const environment = environmentOf(kafka);
    expect(kafka.image).toBe('apache/kafka:3.9.1');
    expect(environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' });
    const settings = localBrokerSettings();
    expect(settings).toMatchObject({
      'process.roles': 'broker,controller',
      'auto.create.topics.enable': 'false',
      'offsets.topic.num.partitions': '1',
    });
    expect(environment).toMatchObject(
      Object.fromEntries(Object.entries(settings).map(([property, value]) => [kafkaVariable(property), value])),
    );
    expect(Object.keys(environment).filter((name) => /ZOOKEEPER/.test(name))).toEqual([]);
    expect(Object.values(compose.services).filter((service) => /zookeeper/i.test(service.image ?? ''))).toEqual([]);
    expect(kafka.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it('keeps no secret in the file: every password and the JWT secret come from the git-ignored .env', () => {
    const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    const secrets = [...text.matchAll(/^\s*(\w*(?:PASSWORD|SECRET|KEYS)\w*):\s*(.+)$/gm)];
    expect(secrets.length).toBeGreaterThan(0);
    for (const [, , value] of secrets) expect(value).toMatch(/^\$\{[A-Z_]+:\?/);
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.env');
    expect(readFileSync(join(ROOT, '.env.example'), 'utf8')).toMatch(/^JWT_SECRET=$/m);
  });

  it('runs PostgreSQL 15 with password authentication, a volume, a health check and a restart policy', () => {
    const postgres = compose.services.postgres;
    expect(environmentOf(postgres)).toMatchObject({ POSTGRES_HOST_AUTH_METHOD: 'scram-sha-256' });
    expect(postgres.restart).toBe('unless-stopped');
    expect(postgres.image).toBe('postgres:15');
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(postgres.healthcheck?.test).toContain('pg_isready');
  });
});
