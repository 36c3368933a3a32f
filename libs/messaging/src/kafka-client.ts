import { Kafka, logLevel, type KafkaConfig, type LogEntry, type RetryOptions } from 'kafkajs';

export interface KafkaClientOptions {
  readonly clientId: string;
  readonly brokers?: readonly string[];
  /** kafkajs' own log level; errors only by default. */
  readonly logLevel?: logLevel;
  readonly connectionTimeout?: number;
  readonly requestTimeout?: number;
  readonly retry?: RetryOptions;
  /** TLS: `true`, or tls options (CA); see `kafkaSecurity`. */
  readonly ssl?: KafkaConfig['ssl'];
  /** SASL, e.g. SCRAM-SHA-512; see `kafkaSecurity`. */
  readonly sasl?: KafkaConfig['sasl'];
}

export const DEFAULT_BROKERS: readonly string[] = ['127.0.0.1:9092'];

/** Structured logger of this library; any logger can be adapted to it in one line. */
export interface MessagingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per entry on stdout. */
export function jsonLogger(component: string): MessagingLogger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), component, msg: message, ...fields })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const KAFKAJS_LEVELS: Record<number, string> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

function kafkajsJsonLog() {
  return ({ namespace, level, log }: LogEntry) => {
    const { message, timestamp, ...fields } = log;
    process.stdout.write(
      `${JSON.stringify({ level: KAFKAJS_LEVELS[level] ?? 'info', time: timestamp, component: 'kafkajs', namespace, msg: message, ...fields })}\n`,
    );
  };
}

export function createKafka(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...(options.brokers ?? DEFAULT_BROKERS)],
    logLevel: options.logLevel ?? logLevel.ERROR,
    logCreator: kafkajsJsonLog,
    connectionTimeout: options.connectionTimeout ?? 3000,
    requestTimeout: options.requestTimeout ?? 30000,
    retry: options.retry,
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
    ...(options.sasl === undefined ? {} : { sasl: options.sasl }),
  });
}
