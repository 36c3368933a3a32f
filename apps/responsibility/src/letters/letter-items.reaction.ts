import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventSourcing, type SealedEvent } from '@app/eventstore';
import { commandContext, LogReactionService } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { OpenDatedObligationCommand } from '../obligations/obligation.command-handlers';
import type { LetterTookEffect } from './letter.events';
import { LETTER_ITEM_RULE, letterItemSubject } from './letter-items';

const TRACKER: Principal = { personId: 'service:letter-items', roles: [], units: [] };

/**
 * The process manager of responsibility letters: when a letter takes effect, each of its items
 * becomes an obligation of the recipient unit, due on the item's own deadline, watched by the
 * deadline scheduler like every other obligation. It follows the service's sealed log, so a crash
 * or restart between the signature and the obligations loses nothing; opening an obligation twice
 * records nothing, so a repeated reaction is harmless.
 */
@Injectable()
export class LetterItemsTracker extends LogReactionService {
  constructor(
    private readonly commands: CommandBus,
    sourcing: EventSourcing,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super({ name: 'letter-items', handles: ['LetterTookEffect'] }, sourcing, logger, metrics);
  }

  protected async react(event: SealedEvent): Promise<void> {
    const letter = (event as SealedEvent<string, LetterTookEffect['data']>).data;
    const context = commandContext(TRACKER, { correlationId: event.metadata.correlationId, causationId: event.eventId });
    for (const item of letter.items) {
      await this.commands.execute(
        new OpenDatedObligationCommand(
          {
            unitCode: letter.recipientUnitCode,
            subject: letterItemSubject(letter.documentId, item.itemNo),
            ruleName: LETTER_ITEM_RULE,
            dueOn: item.deadline,
          },
          context,
        ),
      );
    }
  }
}
