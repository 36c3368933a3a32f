import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventSourcing, type SealedEvent } from '@app/eventstore';
import { commandContext, LogReactionService } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { OpenCaseCommand } from './case.command-handlers';
import { CaseReads } from './case.reads';
import type { PreliminaryCheckConcluded } from './preliminary-check.events';

const OPENER: Principal = { personId: 'service:case-openings', roles: [], units: [] };

/**
 * A preliminary check concluded with `open_case` opens its case (立案) against the check's
 * subjects, on the day of the conclusion, with the id the conclusion named. It follows the sealed
 * log, so nothing is lost between the two; opening a case twice records nothing.
 */
@Injectable()
export class CaseOpenings extends LogReactionService {
  constructor(
    private readonly commands: CommandBus,
    private readonly reads: CaseReads,
    sourcing: EventSourcing,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super({ name: 'case-openings', handles: ['PreliminaryCheckConcluded'] }, sourcing, logger, metrics);
  }

  protected async react(event: SealedEvent): Promise<void> {
    const concluded = (event as SealedEvent<string, PreliminaryCheckConcluded['data']>).data;
    if (concluded.decision !== 'open_case' || concluded.caseId === null) return;
    const check = await this.reads.requireCheck(concluded.checkId);
    const context = commandContext(OPENER, { correlationId: event.metadata.correlationId, causationId: event.eventId });
    await this.commands.execute(
      new OpenCaseCommand(
        {
          caseId: concluded.caseId,
          commission: concluded.commission,
          subjects: check.subjects,
          openedOn: concluded.concludedOn,
          clueId: concluded.clueId,
          preliminaryCheckId: concluded.checkId,
        },
        context,
      ),
    );
  }
}
