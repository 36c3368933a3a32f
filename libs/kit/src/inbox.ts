import type { INestApplication } from '@nestjs/common';
import type { IntegrationEnvelope } from '@app/contracts';
import { EventSourcing } from '@app/eventstore';
import { ensureTopics, eventTopicSpecs, KafkaInboxServer, type KafkaInboxServerOptions } from '@app/messaging';
import { Metrics, type Principal } from '@app/platform';
import { commandContext, type CommandContext } from './command-context';

/**
 * Connects the service's Kafka inbox (dedupe in the effect's transaction, retries, dead letters) to
 * its app, on the service's own database and broker. Handlers are `@InboxEventPattern` methods of
 * the service's controllers; call from `startService({ connect })`.
 */
export async function connectInbox(
  app: INestApplication,
  options: Pick<KafkaInboxServerOptions, 'groupId' | 'topics'> & Partial<KafkaInboxServerOptions>,
): Promise<KafkaInboxServer> {
  const sourcing = app.get(EventSourcing);
  // A consumer must never subscribe before its topics exist (the broker does not auto-create them).
  const admin = sourcing.kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      options.topics.flatMap((topic) => eventTopicSpecs(topic)),
    );
  } finally {
    await admin.disconnect();
  }
  const server = new KafkaInboxServer({ kafka: sourcing.kafka, dataSource: sourcing.dataSource, metrics: app.get(Metrics), ...options });
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  return server;
}

/**
 * The context of a command a process manager sends because of a message: it acts as `principal`
 * (the service itself, or the person the message names), under the message's correlation id, caused
 * by the message, with the message id as idempotency key in the consumer's own scope — so a
 * redelivered message (after a crash between the command and the inbox commit) replays the first
 * result instead of acting twice.
 */
export function inboxCommandContext(envelope: IntegrationEnvelope, consumer: string, principal: Principal): CommandContext {
  return commandContext(principal, {
    idempotencyKey: envelope.id,
    idempotencyScope: `inbox:${consumer}`,
    correlationId: envelope.correlationId,
    causationId: envelope.id,
  });
}
