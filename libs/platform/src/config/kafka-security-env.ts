import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MinLength, ValidateIf } from 'class-validator';

export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

const flag = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value);

/**
 * TLS and SASL/SCRAM for the Kafka client, validated at boot:
 *   KAFKA_SSL=true                      TLS to the brokers (system CAs unless a CA file is given)
 *   KAFKA_SSL_CA_FILE=/path/ca.pem      PEM of the CA(s) that signed the brokers' certificates
 *   KAFKA_SSL_REJECT_UNAUTHORIZED=false only for a test broker with a self-signed certificate
 *   KAFKA_SASL_MECHANISM=scram-sha-512  with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern's constructor type
type EnvClass = new (...args: any[]) => object;

/** Adds the Kafka security variables to an env class (ServiceEnv has them; KafkaSecurityEnv is them alone). */
export function WithKafkaSecurity<Base extends EnvClass>(base: Base) {
  class WithKafka extends base {
    @Transform(flag)
    @IsBoolean()
    KAFKA_SSL = false;

    @ValidateIf((env: { KAFKA_SSL_CA_FILE?: string; KAFKA_SASL_MECHANISM?: string }) => env.KAFKA_SSL_CA_FILE !== undefined)
    @IsString()
    KAFKA_SSL_CA_FILE?: string;

    @Transform(flag)
    @IsBoolean()
    KAFKA_SSL_REJECT_UNAUTHORIZED = true;

    @IsOptional()
    @IsIn(KAFKA_SASL_MECHANISMS)
    KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

    @ValidateIf((env: { KAFKA_SSL_CA_FILE?: string; KAFKA_SASL_MECHANISM?: string }) => env.KAFKA_SASL_MECHANISM !== undefined)
    @IsString({ message: 'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM' })
    @MinLength(1)
    KAFKA_SASL_USERNAME?: string;

    @ValidateIf((env: { KAFKA_SSL_CA_FILE?: string; KAFKA_SASL_MECHANISM?: string }) => env.KAFKA_SASL_MECHANISM !== undefined)
    @IsString({ message: 'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM' })
    @MinLength(1)
    KAFKA_SASL_PASSWORD?: string;
  }
  return WithKafka;
}

export class KafkaSecurityEnv extends WithKafkaSecurity(class {}) {}
