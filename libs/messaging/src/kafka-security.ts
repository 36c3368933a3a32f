import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

import type { KafkaSecurityEnv } from '@app/platform';

/** What `kafkaSecurity` reads: the Kafka fields of every service's env (`KafkaSecurityEnv` in libs/platform validates them). */
export type KafkaSecuritySettings = Pick<
  KafkaSecurityEnv,
  | 'KAFKA_SSL'
  | 'KAFKA_SSL_CA_FILE'
  | 'KAFKA_SSL_REJECT_UNAUTHORIZED'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
>;

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
