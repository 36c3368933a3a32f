import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventSourcing, type SealedEvent } from '@app/eventstore';
import { commandContext, LogReactor, type LogReactorPass } from '@app/kit';
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
export class LetterItemsTracker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reactor: LogReactor;

  constructor(
    private readonly commands: CommandBus,
    sourcing: EventSourcing,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    this.reactor = new LogReactor(
      { name: 'letter-items', handles: ['LetterTookEffect'], react: (event) => this.track(event) },
      sourcing,
      logger,
      metrics,
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.reactor.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.reactor.stop();
  }

  /** Tracks every letter that took effect so far, now. */
  catchUp(): Promise<LogReactorPass> {
    return this.reactor.catchUp();
  }

  private async track(event: SealedEvent): Promise<void> {
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
