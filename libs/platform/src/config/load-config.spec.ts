import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './load-config';
import { JwtEnv, LOCAL_JWT_SECRET, ServiceEnv } from './service-env';
import { SERVICE_PORTS } from '../service-ports';

class CaseHandlingEnv extends ServiceEnv {
  override PORT = SERVICE_PORTS.caseHandling;
  override PGDATABASE = 'case_handling';
}

function problemsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return Object.fromEntries(error.problems.map((p) => [p.variable, p.messages.join('; ')]));
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('works with no variables set, using the local defaults', () => {
    const config = loadConfig(CaseHandlingEnv, {});
    expect(config).toBeInstanceOf(CaseHandlingEnv);
    expect(config).toMatchObject({
      PORT: 3003,
      PGHOST: '127.0.0.1',
      PGPORT: 5432,
      PGUSER: 'postgres',
      PGDATABASE: 'case_handling',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      JWT_ALGORITHM: 'HS256',
      JWT_SECRET: LOCAL_JWT_SECRET,
      LOG_LEVEL: 'info',
    });
  });

  it('converts what it reads and drops variables it does not declare', () => {
    const config = loadConfig(CaseHandlingEnv, {
      PORT: '4100',
      PGPORT: '6543',
      KAFKA_BROKERS: 'k1:9092, k2:9093',
      PATH: '/usr/bin',
      PGPASSWORD: '',
    });
    expect(config.PORT).toBe(4100);
    expect(config.PGPORT).toBe(6543);
    expect(config.KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9093']);
    expect(config).not.toHaveProperty('PATH');
    expect(config.PGPASSWORD).toBeUndefined();
  });

  it('names every bad variable at once, without printing values', () => {
    const run = () =>
      loadConfig(CaseHandlingEnv, {
        PORT: 'eighty',
        PGPORT: '70000',
        PGDATABASE: 'Case-Handling',
        KAFKA_BROKERS: 'nohost',
        LOG_LEVEL: 'loud',
        JWT_SECRET: 'short-secret',
      });
    const problems = problemsOf(run);
    expect(Object.keys(problems).sort()).toEqual(['JWT_SECRET', 'KAFKA_BROKERS', 'LOG_LEVEL', 'PGDATABASE', 'PGPORT', 'PORT']);
    expect(problems.PORT).toMatch(/PORT must be an integer/);
    expect(problems.PGPORT).toMatch(/PGPORT must not be greater than 65535/);
    expect(problems.JWT_SECRET).toMatch(/JWT_SECRET must be longer than or equal to 32 characters/);
    expect(() => run()).toThrow(/^Invalid environment for CaseHandlingEnv:\n {2}- [A-Z_]+: /);
    expect(() => run()).not.toThrow(/short-secret/);
  });

  it('requires PORT and PGDATABASE when the app class gives no default', () => {
    expect(Object.keys(problemsOf(() => loadConfig(ServiceEnv, {}))).sort()).toEqual(['PGDATABASE', 'PORT']);
  });

  it('refuses the local JWT secret in production', () => {
    expect(problemsOf(() => loadConfig(JwtEnv, { NODE_ENV: 'production' })).JWT_SECRET).toMatch(/real secret/);
    expect(loadConfig(JwtEnv, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).JWT_SECRET).toHaveLength(40);
  });

  it('refuses algorithms other than HS256, RS256 and ES256', () => {
    expect(problemsOf(() => loadConfig(JwtEnv, { JWT_ALGORITHM: 'none' })).JWT_ALGORITHM).toBeDefined();
    expect(problemsOf(() => loadConfig(JwtEnv, { JWT_ALGORITHM: 'HS512' })).JWT_ALGORITHM).toBeDefined();
  });

  it('needs a public key of the right kind for RS256 and ES256', () => {
    expect(problemsOf(() => loadConfig(JwtEnv, { JWT_ALGORITHM: 'RS256' })).JWT_PUBLIC_KEY).toMatch(/PEM public key for RS256 \(missing\)/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const ecPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(problemsOf(() => loadConfig(JwtEnv, { JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: ecPem })).JWT_PUBLIC_KEY).toMatch(
      /ec key cannot sign RS256/,
    );
    expect(problemsOf(() => loadConfig(JwtEnv, { JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEY: 'not a key' })).JWT_PUBLIC_KEY).toMatch(
      /not a readable PEM key/,
    );
    const escaped = ecPem.replace(/\n/g, '\\n');
    expect(loadConfig(JwtEnv, { JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEY: escaped }).JWT_PUBLIC_KEY).toBe(ecPem);
  });
});
