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

/** What a developer sets locally: everything else has a default. */
const DEV = { NODE_ENV: 'development', PGUSER: 'case_handling_svc' };

describe('loadConfig', () => {
  it('works in development with only NODE_ENV and the role set, using the local defaults', () => {
    const config = loadConfig(CaseHandlingEnv, DEV);
    expect(config).toBeInstanceOf(CaseHandlingEnv);
    expect(config).toMatchObject({
      PORT: 3003,
      PGHOST: '127.0.0.1',
      PGPORT: 5432,
      PGUSER: 'case_handling_svc',
      PGDATABASE: 'case_handling',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      JWT_ALGORITHM: 'HS256',
      JWT_SECRET: LOCAL_JWT_SECRET,
      LOG_LEVEL: 'info',
    });
  });

  it('converts what it reads and drops variables it does not declare', () => {
    const config = loadConfig(CaseHandlingEnv, {
      ...DEV,
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
        ...DEV,
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

  it('requires PORT, PGDATABASE and PGUSER when the app class gives no default', () => {
    expect(Object.keys(problemsOf(() => loadConfig(ServiceEnv, { NODE_ENV: 'development' }))).sort()).toEqual([
      'PGDATABASE',
      'PGUSER',
      'PORT',
    ]);
  });

  it('behaves as production without NODE_ENV: refuses the sample secret and needs issuer and audience', () => {
    const problems = problemsOf(() => loadConfig(JwtEnv, {}));
    expect(problems.JWT_SECRET).toMatch(/real secret/);
    expect(problems.JWT_ISSUER).toMatch(/required unless NODE_ENV=development/);
    expect(problems.JWT_AUDIENCE).toMatch(/required unless NODE_ENV=development/);
    expect(problemsOf(() => loadConfig(JwtEnv, { NODE_ENV: 'production' })).JWT_SECRET).toMatch(/real secret/);
    expect(Object.keys(problemsOf(() => loadConfig(JwtEnv, { NODE_ENV: 'test' })))).toEqual(['JWT_ISSUER', 'JWT_AUDIENCE']);
    const production = loadConfig(JwtEnv, { JWT_SECRET: 'x'.repeat(40), JWT_ISSUER: 'idp', JWT_AUDIENCE: 'services' });
    expect(production).toMatchObject({ NODE_ENV: 'production', JWT_ISSUER: 'idp', JWT_AUDIENCE: 'services' });
  });

  it('reads a maximum token age as seconds or a duration', () => {
    expect(loadConfig(JwtEnv, DEV).JWT_MAX_AGE).toBe('12h');
    expect(loadConfig(JwtEnv, { ...DEV, JWT_MAX_AGE: '900' }).JWT_MAX_AGE).toBe('900');
    expect(problemsOf(() => loadConfig(JwtEnv, { ...DEV, JWT_MAX_AGE: '1 week' })).JWT_MAX_AGE).toMatch(/seconds/);
  });

  it('refuses algorithms other than HS256, RS256 and ES256', () => {
    expect(problemsOf(() => loadConfig(JwtEnv, { ...DEV, JWT_ALGORITHM: 'none' })).JWT_ALGORITHM).toBeDefined();
    expect(problemsOf(() => loadConfig(JwtEnv, { ...DEV, JWT_ALGORITHM: 'HS512' })).JWT_ALGORITHM).toBeDefined();
  });

  it('needs a public key of the right kind for RS256 and ES256', () => {
    expect(problemsOf(() => loadConfig(JwtEnv, { ...DEV, JWT_ALGORITHM: 'RS256' })).JWT_PUBLIC_KEY).toMatch(
      /PEM public key for RS256 \(missing\)/,
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const ecPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(problemsOf(() => loadConfig(JwtEnv, { ...DEV, JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: ecPem })).JWT_PUBLIC_KEY).toMatch(
      /ec key cannot sign RS256/,
    );
    expect(problemsOf(() => loadConfig(JwtEnv, { ...DEV, JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEY: 'not a key' })).JWT_PUBLIC_KEY).toMatch(
      /not a readable PEM key/,
    );
    const escaped = ecPem.replace(/\n/g, '\\n');
    expect(loadConfig(JwtEnv, { ...DEV, JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEY: escaped }).JWT_PUBLIC_KEY).toBe(ecPem);
  });
});
