import { DLQ_HEADERS, deadLetterHeaders, describeError, fromKafkaHeaders, toKafkaHeaders } from './kafka-headers';

describe('outbox headers to Kafka headers', () => {
  it('keeps strings and stringifies other scalars', () => {
    expect(toKafkaHeaders({ 'x-message-id': 'a1', count: 3, flag: true })).toEqual({ 'x-message-id': 'a1', count: '3', flag: 'true' });
  });

  it('writes objects as JSON and drops nulls', () => {
    expect(toKafkaHeaders({ actor: { personId: 'p1' }, missing: null })).toEqual({ actor: '{"personId":"p1"}' });
  });

  it('gives no headers for anything but an object', () => {
    expect(toKafkaHeaders(null)).toEqual({});
    expect(toKafkaHeaders(['a'])).toEqual({});
    expect(toKafkaHeaders('x')).toEqual({});
  });
});

describe('Kafka headers to strings', () => {
  it('decodes buffers and keeps the last of repeated values', () => {
    expect(fromKafkaHeaders({ a: Buffer.from('中文'), b: [Buffer.from('1'), Buffer.from('2')], c: 'plain', d: undefined })).toEqual({
      a: '中文',
      b: '2',
      c: 'plain',
    });
  });

  it('accepts no headers', () => {
    expect(fromKafkaHeaders(undefined)).toEqual({});
  });
});

describe('dead-letter headers', () => {
  const failure = {
    attempts: 5,
    consumer: 'cases',
    topic: 'registry.events.v1',
    partition: 2,
    offset: '17',
    failedAt: new Date('2025-01-02T03:04:05.000Z'),
  };

  it('keep the original headers and add the failure', () => {
    const error = Object.assign(new Error('unit not found'), { code: 'REGISTRY.UNIT_NOT_FOUND' });
    expect(deadLetterHeaders({ 'x-message-id': 'm1' }, { ...failure, error })).toEqual({
      'x-message-id': 'm1',
      [DLQ_HEADERS.error]: 'unit not found',
      [DLQ_HEADERS.errorName]: 'Error',
      [DLQ_HEADERS.errorCode]: 'REGISTRY.UNIT_NOT_FOUND',
      [DLQ_HEADERS.attempts]: '5',
      [DLQ_HEADERS.consumer]: 'cases',
      [DLQ_HEADERS.originalTopic]: 'registry.events.v1',
      [DLQ_HEADERS.originalPartition]: '2',
      [DLQ_HEADERS.originalOffset]: '17',
      [DLQ_HEADERS.failedAt]: '2025-01-02T03:04:05.000Z',
    });
  });

  it('cut a very long error message', () => {
    const headers = deadLetterHeaders({}, { ...failure, error: new Error('x'.repeat(5000)) });
    expect(headers[DLQ_HEADERS.error]).toHaveLength(2000);
  });
});

describe('error description', () => {
  it('reads plain objects and other values', () => {
    expect(describeError({ status: 'error', message: 'Internal server error' })).toEqual({
      name: 'Error',
      message: 'Internal server error',
    });
    expect(describeError('boom')).toEqual({ name: 'Error', message: 'boom' });
  });
});
