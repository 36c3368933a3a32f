import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { RegistryEventTypes, type IntegrationEnvelope } from '@app/contracts';
import { KAFKA_INBOX_TRANSPORT, type InboxContext } from '@app/messaging';
import { PLATFORM_LOGGER, type Logger } from '@app/platform';
import { readRegistryEvent } from './registry-event.reader';
import { RegistryViewCalendar } from './registry-view-calendar';
import { applyRegistryEvent } from './registry-view.projector';

/** Every registry event type, on the inbox transport: one handler for the whole topic. */
const RegistryEventPatterns = (): MethodDecorator => EventPattern<string[]>(Object.values(RegistryEventTypes), KAFKA_INBOX_TRANSPORT);

/**
 * Feeds the view from `registry.events.v1` through the service's inbox: each message is applied in
 * the inbox's transaction, so it takes effect exactly once. A version the view does not know is
 * recorded and skipped with a log line; a type it does not know has no handler here, and the inbox
 * records and skips it the same way.
 */
@Controller()
export class RegistryViewConsumer {
  constructor(
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly calendar: RegistryViewCalendar,
  ) {}

  @RegistryEventPatterns()
  async apply(@Payload() envelope: IntegrationEnvelope, @Ctx() inbox: InboxContext): Promise<void> {
    const outcome = readRegistryEvent(envelope);
    if ('skipped' in outcome) {
      this.logger.warn(
        { messageId: envelope.id, type: envelope.type, version: envelope.version },
        `registry view skips: ${outcome.skipped}`,
      );
      return;
    }
    await applyRegistryEvent(inbox.getManager(), outcome.event, envelope.streamVersion);
    // A published year extends the national calendar once the row is committed (never on a rollback).
    if (outcome.event.type === RegistryEventTypes.HolidayArrangementPublished) inbox.afterCommit(() => this.calendar.adopt());
  }
}
