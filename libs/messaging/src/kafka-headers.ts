import type { IHeaders } from 'kafkajs';

/** Headers a dead-lettered message carries besides its original ones. */
export const DLQ_HEADERS = {
  error: 'x-dlq-error',
  errorName: 'x-dlq-error-name',
  errorCode: 'x-dlq-error-code',
  attempts: 'x-dlq-attempts',
  consumer: 'x-dlq-consumer',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  failedAt: 'x-dlq-failed-at',
} as const;

const MAX_ERROR_LENGTH = 2000;

/** The outbox's `headers` jsonb as Kafka headers: strings kept, scalars stringified, objects as JSON, nulls dropped. */
export function toKafkaHeaders(headers: unknown): Record<string, string> {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return {};
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === null || value === undefined) continue;
    result[name] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return result;
}

/** Kafka headers as strings (UTF-8); a repeated header keeps its last value. */
export function fromKafkaHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last === undefined) continue;
    result[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return result;
}

export interface DeadLetterFailure {
  readonly error: unknown;
  readonly attempts: number;
  readonly consumer: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly failedAt: Date;
}

export function describeError(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    };
  }
  if (error !== null && typeof error === 'object') {
    const { message, code } = error as { message?: unknown; code?: unknown };
    return {
      name: 'Error',
      message: typeof message === 'string' ? message : JSON.stringify(error),
      ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

/** The original headers plus the failure, for the copy published to `<topic>.dlq`. */
export function deadLetterHeaders(original: Record<string, string>, failure: DeadLetterFailure): Record<string, string> {
  const error = describeError(failure.error);
  return {
    ...original,
    [DLQ_HEADERS.error]: error.message.slice(0, MAX_ERROR_LENGTH),
    [DLQ_HEADERS.errorName]: error.name,
    ...(error.code !== undefined ? { [DLQ_HEADERS.errorCode]: error.code } : {}),
    [DLQ_HEADERS.attempts]: String(failure.attempts),
    [DLQ_HEADERS.consumer]: failure.consumer,
    [DLQ_HEADERS.originalTopic]: failure.topic,
    [DLQ_HEADERS.originalPartition]: String(failure.partition),
    [DLQ_HEADERS.originalOffset]: failure.offset,
    [DLQ_HEADERS.failedAt]: failure.failedAt.toISOString(),
  };
}
