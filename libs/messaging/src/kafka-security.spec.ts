import { ConfigError, loadConfig } from '@app/platform';
import { KafkaSecurityEnv, ServiceEnv } from '@app/platform';
import { kafkaSecurity } from './kafka-security';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const files = (path: string): string => {
  if (path === '/etc/kafka/ca.pem') return CA;
  throw new Error('ENOENT: no such file');
};
const securityFrom = (env: NodeJS.ProcessEnv) => kafkaSecurity(loadConfig(KafkaSecurityEnv, env), files);
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(KafkaSecurityEnv, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
};

describe('Kafka TLS and SASL from the environment', () => {
  it('is plaintext without settings', () => {
    expect(securityFrom({})).toEqual({});
  });

  it('turns KAFKA_SSL=true into TLS with the system CAs', () => {
    expect(securityFrom({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
  });

  it('reads the CA file given in KAFKA_SSL_CA_FILE', () => {
    expect(securityFrom({ KAFKA_SSL: '1', KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' })).toEqual({
      ssl: { rejectUnauthorized: true, ca: [CA] },
    });
  });

  it('lets a test broker with a self-signed certificate through only when asked', () => {
    expect(securityFrom({ KAFKA_SSL: 'true', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' })).toEqual({ ssl: { rejectUnauthorized: false } });
  });

  it('maps SCRAM-SHA-512 with its user and password, with TLS', () => {
    expect(
      securityFrom({
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'org-registry',
        KAFKA_SASL_PASSWORD: 's3cret',
      }),
    ).toEqual({ ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'org-registry', password: 's3cret' } });
  });

  it('refuses a SASL mechanism without user or password, naming the variables', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toEqual(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']);
  });

  it('refuses mechanisms other than SCRAM', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toEqual([
      'KAFKA_SASL_MECHANISM',
    ]);
  });

  it('refuses a flag that is not a boolean', () => {
    expect(problemsOf({ KAFKA_SSL_REJECT_UNAUTHORIZED: 42 as unknown as string })).toEqual(['KAFKA_SSL_REJECT_UNAUTHORIZED']);
  });

  it('stops at boot when the CA file cannot be read, or is given without TLS', () => {
    expect(() => securityFrom({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/missing.pem' })).toThrow(
      /KAFKA_SSL_CA_FILE: cannot read \/missing\.pem/,
    );
    expect(() => securityFrom({ KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' })).toThrow(/KAFKA_SSL is not true/);
  });

  it("are part of every service's env: a service with SASL settings gets them validated and handed to its Kafka client", () => {
    const base = { NODE_ENV: 'development', PORT: '3999', PGDATABASE: 'svc', PGUSER: 'svc_role', KAFKA_BROKERS: 'broker:9093' };
    const env = loadConfig(ServiceEnv, {
      ...base,
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'registry',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(kafkaSecurity(env, files)).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'registry', password: 's3cret' },
    });
    expect(() => loadConfig(ServiceEnv, { ...base, KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(/KAFKA_SASL_USERNAME/);
  });
});
