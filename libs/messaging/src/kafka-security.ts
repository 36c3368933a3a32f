import { readFileSync } from 'node:fs';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MinLength, ValidateIf } from 'class-validator';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** What `kafkaSecurity` reads; `KafkaSecurityEnv` validates it, a service's env class may declare the same fields. */
export interface KafkaSecuritySettings {
  readonly KAFKA_SSL: boolean;
  readonly KAFKA_SSL_CA_FILE?: string;
  readonly KAFKA_SSL_REJECT_UNAUTHORIZED: boolean;
  readonly KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;
  readonly KAFKA_SASL_USERNAME?: string;
  readonly KAFKA_SASL_PASSWORD?: string;
}

const flag = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value);

/**
 * TLS and SASL/SCRAM for the Kafka client, validated at boot:
 *   KAFKA_SSL=true                      TLS to the brokers (system CAs unless a CA file is given)
 *   KAFKA_SSL_CA_FILE=/path/ca.pem      PEM of the CA(s) that signed the brokers' certificates
 *   KAFKA_SSL_REJECT_UNAUTHORIZED=false only for a test broker with a self-signed certificate
 *   KAFKA_SASL_MECHANISM=scram-sha-512  with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD
 */
export class KafkaSecurityEnv implements KafkaSecuritySettings {
  @Transform(flag)
  @IsBoolean()
  KAFKA_SSL = false;

  @ValidateIf((env: KafkaSecurityEnv) => env.KAFKA_SSL_CA_FILE !== undefined)
  @IsString()
  KAFKA_SSL_CA_FILE?: string;

  @Transform(flag)
  @IsBoolean()
  KAFKA_SSL_REJECT_UNAUTHORIZED = true;

  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS)
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @ValidateIf((env: KafkaSecurityEnv) => env.KAFKA_SASL_MECHANISM !== undefined)
  @IsString({ message: 'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM' })
  @MinLength(1)
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf((env: KafkaSecurityEnv) => env.KAFKA_SASL_MECHANISM !== undefined)
  @IsString({ message: 'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM' })
  @MinLength(1)
  KAFKA_SASL_PASSWORD?: string;
}

/**
 * The `ssl` and `sasl` options of a kafkajs client (spread into `createKafka`). Reads the CA file
 * now, so a missing file stops the boot with the variable's name.
 */
export function kafkaSecurity(
  settings: KafkaSecuritySettings,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (!settings.KAFKA_SSL && settings.KAFKA_SSL_CA_FILE) throw new Error('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true');
  let ca: string | undefined;
  if (settings.KAFKA_SSL_CA_FILE) {
    try {
      ca = readFile(settings.KAFKA_SSL_CA_FILE);
    } catch (error) {
      throw new Error(`KAFKA_SSL_CA_FILE: cannot read ${settings.KAFKA_SSL_CA_FILE} (${(error as Error).message})`, { cause: error });
    }
  }
  const ssl = !settings.KAFKA_SSL
    ? undefined
    : ca === undefined && settings.KAFKA_SSL_REJECT_UNAUTHORIZED
      ? true
      : { rejectUnauthorized: settings.KAFKA_SSL_REJECT_UNAUTHORIZED, ...(ca === undefined ? {} : { ca: [ca] }) };
  const sasl: SASLOptions | undefined = settings.KAFKA_SASL_MECHANISM
    ? { mechanism: settings.KAFKA_SASL_MECHANISM, username: settings.KAFKA_SASL_USERNAME!, password: settings.KAFKA_SASL_PASSWORD! }
    : undefined;
  return { ...(ssl === undefined ? {} : { ssl }), ...(sasl ? { sasl } : {}) };
}
