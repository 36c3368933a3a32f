import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventSourcing, type SealedEvent } from '@app/eventstore';
import { commandContext, idFromKey, LogReactionService } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { OpenDualReportCommand } from './dual-report.command-handlers';
import { DUAL_REPORT_TRIGGERS } from './dual-report.triggers';

const REPORTER: Principal = { personId: 'service:dual-reports', roles: [], units: [] };

/** The report's id: one per trigger (its event type and the matter), so a repeated reaction opens nothing new. */
export const dualReportIdOf = (triggerType: string, matterId: string): string =>
  idFromKey('dual-report', `${triggerType}:${matterId.toLowerCase()}`);

/**
 * Dual reporting (§6(3)) as a process manager of the service's own log: each event listed in
 * `DUAL_REPORT_TRIGGERS` opens a dual report to the same-level Party committee and the higher
 * commission. Follows the sealed log with a checkpoint, so a crash or restart loses nothing; the
 * report's id derives from the trigger and the decider opens it once.
 */
@Injectable()
export class DualReportReaction extends LogReactionService {
  constructor(
    private readonly commands: CommandBus,
    sourcing: EventSourcing,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super({ name: 'dual-reports', handles: Object.keys(DUAL_REPORT_TRIGGERS) }, sourcing, logger, metrics);
  }

  protected async react(event: SealedEvent): Promise<void> {
    const trigger = DUAL_REPORT_TRIGGERS[event.type];
    if (!trigger) return;
    const matter = trigger.of(event.data as never);
    const context = commandContext(REPORTER, { correlationId: event.metadata.correlationId, causationId: event.eventId });
    await this.commands.execute(
      new OpenDualReportCommand(
        {
          reportId: dualReportIdOf(event.type, matter.matterId),
          matter: trigger.matter,
          ...matter,
          trigger: { type: event.type, eventId: event.eventId },
        },
        context,
      ),
    );
  }
}
