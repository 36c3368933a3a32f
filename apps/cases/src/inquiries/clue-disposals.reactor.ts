import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventSourcing, type SealedEvent } from '@app/eventstore';
import { commandContext, idFromKey, LogReactionService } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { OpenPreliminaryCheckCommand } from '../cases/case.command-handlers';
import type { ClueDisposalApproved } from '../clues/clue.events';
import { OpenInquiryCommand } from './inquiry.command-handlers';
import type { InquiryConcluded } from './inquiry.events';

const DISPOSER: Principal = { personId: 'service:clue-disposals', roles: [], units: [] };

/** One inquiry per subject of a clue disposed of by inquiry: its id, from the clue and the person. */
export const inquiryIdOf = (clueId: string, staffNumber: string): string => idFromKey('inquiry', `${clueId.toLowerCase()}:${staffNumber}`);
/** The preliminary check of a clue disposed of by check, or of an escalated inquiry. */
export const checkIdOf = (from: { clueId: string } | { inquiryId: string }): string =>
  'inquiryId' in from
    ? idFromKey('preliminary-check', `inquiry:${from.inquiryId.toLowerCase()}`)
    : idFromKey('preliminary-check', `clue:${from.clueId.toLowerCase()}`);

/**
 * The clue-disposal process, following the service's sealed log: an approved disposal by
 * `inquiry` opens a letter inquiry of each subject, by `preliminary_check` a preliminary check of
 * all of them (hold and close open nothing); an inquiry concluded with `escalate` opens a check of
 * its respondent. Ids derive from the clue (or the inquiry), and opening twice records nothing, so
 * a repeated reaction is harmless.
 */
@Injectable()
export class ClueDisposals extends LogReactionService {
  constructor(
    private readonly commands: CommandBus,
    sourcing: EventSourcing,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super({ name: 'clue-disposals', handles: ['ClueDisposalApproved', 'InquiryConcluded'] }, sourcing, logger, metrics);
  }

  protected async react(event: SealedEvent): Promise<void> {
    const context = commandContext(DISPOSER, { correlationId: event.metadata.correlationId, causationId: event.eventId });
    if (event.type === 'InquiryConcluded') {
      const { data } = event as SealedEvent<string, InquiryConcluded['data']>;
      if (data.outcome !== 'escalate') return;
      const check = {
        checkId: checkIdOf({ inquiryId: data.inquiryId }),
        commission: data.commission,
        clueId: data.clueId,
        inquiryId: data.inquiryId,
        subjects: [data.respondent],
        openedOn: data.concludedOn,
      };
      await this.commands.execute(new OpenPreliminaryCheckCommand(check, context));
      return;
    }
    const { data } = event as SealedEvent<string, ClueDisposalApproved['data']>;
    if (data.method === 'inquiry') {
      for (const respondent of data.subjects) {
        const inquiry = {
          inquiryId: inquiryIdOf(data.clueId, respondent.staffNumber),
          commission: data.commission,
          clueId: data.clueId,
          respondent: { staffNumber: respondent.staffNumber, unitCode: respondent.unitCode },
          openedOn: data.approvedOn,
        };
        await this.commands.execute(new OpenInquiryCommand(inquiry, context));
      }
    } else if (data.method === 'preliminary_check') {
      const check = {
        checkId: checkIdOf({ clueId: data.clueId }),
        commission: data.commission,
        clueId: data.clueId,
        inquiryId: null,
        subjects: data.subjects,
        openedOn: data.approvedOn,
      };
      await this.commands.execute(new OpenPreliminaryCheckCommand(check, context));
    }
  }
}
