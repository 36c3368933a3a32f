import { ENVELOPE_VERSION, HEADERS, PAYLOAD_HASH_ALGORITHM } from './envelope';
import { instant, object, text, uuid, type JsonSchema } from './json-schema';

/** What a service publishes on one topic, for its AsyncAPI document. */
export interface PublishedTopic {
  readonly service: string;
  readonly title: string;
  readonly description: string;
  readonly topic: string;
  readonly partitions: number;
  /** Schema of `data` by `<type>@<version>`. */
  readonly events: Readonly<Record<string, JsonSchema>>;
}

/** The envelope every integration event travels in, with `data` as given. */
export function envelopeSchema(type: string, version: number, data: JsonSchema): JsonSchema {
  return object(
    {
      envelopeVersion: { const: ENVELOPE_VERSION },
      id: { ...uuid, description: 'Unique message id; consumers dedupe on it (delivery is at least once)' },
      type: { const: type },
      version: { const: version },
      source: text('Producing service'),
      streamId: text('Stream the event belongs to; also the Kafka message key'),
      streamVersion: { type: 'integer', minimum: 1, description: 'Version of the stream after this event: gap-free per stream' },
      position: { type: 'integer', minimum: 1, description: "Position of the stored event in the producer's log" },
      topicSequence: {
        type: 'integer',
        minimum: 1,
        description: "Counts this producer's messages on the topic 1, 2, 3, … without gaps: a missing number is a lost message",
      },
      payloadHash: {
        type: 'string',
        pattern: '^[0-9a-f]{64}$',
        description: `SM3 over the RFC 8785 canonical JSON of \`data\` (${PAYLOAD_HASH_ALGORITHM}): check it on receipt`,
      },
      eventHash: {
        type: 'string',
        pattern: '^[0-9a-f]{64}$',
        description: "Content hash of the stored event, as the producer's audit verifies it (covers private fields too)",
      },
      occurredAt: {
        ...instant,
        description: 'Business time: 00:00 China Standard Time of the day the fact took effect, else the command time',
      },
      recordedAt: { ...instant, description: 'When the producer recorded the event' },
      correlationId: text(),
      causationId: text(),
      actor: object({ personId: text(), unitId: text() }, ['unitId']),
      unitId: text(),
      data,
    },
    ['causationId', 'unitId'],
  );
}

/**
 * The AsyncAPI 3.0 document of a topic a service publishes: one message per event type and version
 * with its JSON Schema, the key, the headers, partitions and the delivery rules consumers rely on.
 */
export function asyncApiDocument(published: PublishedTopic): JsonSchema {
  const messages: Record<string, JsonSchema> = {};
  for (const [name, data] of Object.entries(published.events)) {
    const [type, version] = name.split('@');
    messages[messageId(name)] = {
      name: type,
      title: `${type} v${version}`,
      contentType: 'application/json',
      headers: object(
        {
          [HEADERS.contentType]: { const: 'application/json' },
          [HEADERS.envelopeVersion]: { const: String(ENVELOPE_VERSION) },
          [HEADERS.source]: { const: published.service },
          [HEADERS.schemaVersion]: { const: version },
          [HEADERS.topicSequence]: { type: 'string', pattern: '^[1-9][0-9]*$' },
          [HEADERS.messageId]: text(),
          [HEADERS.messageType]: { const: type },
          [HEADERS.correlationId]: text(),
          [HEADERS.causationId]: text(),
        },
        [HEADERS.causationId],
      ),
      payload: envelopeSchema(type, Number(version), data),
      bindings: { kafka: { key: { type: 'string', description: 'The stream id' }, bindingVersion: '0.5.0' } },
    };
  }
  const channel = published.topic.replace(/[^A-Za-z0-9]/g, '_');
  return {
    asyncapi: '3.0.0',
    info: {
      title: published.title,
      version: '1.0.0',
      description: [
        published.description,
        '',
        `Delivery is at least once: a consumer dedupes on the envelope \`id\` (and the \`${HEADERS.messageId}\` header).`,
        '`topicSequence` counts the messages of the topic without gaps, so a consumer tells a lost message from an event',
        'that was never published; `payloadHash` (SM3 over the canonical JSON of `data`) lets it check the payload on its own.',
        `The message key is the stream id; the topic has ${published.partitions} partitions, so the events of one stream arrive in`,
        'order (`streamVersion` counts up without gaps per stream); there is no order between streams.',
        'A consumer switches on `type` and `version`; a new version of an event is a new message here, old ones stay.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    channels: {
      [channel]: {
        address: published.topic,
        messages: Object.fromEntries(Object.keys(messages).map((id) => [id, { $ref: `#/components/messages/${id}` }])),
        bindings: { kafka: { topic: published.topic, partitions: published.partitions, replicas: 1, bindingVersion: '0.5.0' } },
      },
    },
    operations: {
      [`${published.service}_publishes`]: {
        action: 'send',
        channel: { $ref: `#/channels/${channel}` },
        summary: `${published.service} publishes every integration event here, through its transactional outbox`,
      },
    },
    components: { messages },
  };
}

function messageId(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_');
}
