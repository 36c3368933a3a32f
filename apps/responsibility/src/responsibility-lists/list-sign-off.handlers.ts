import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay, DomainError } from '@app/domain';
import { EventSourcing, type SealedEvent } from '@app/eventstore';
import { BusCommand, commandContext, LogReactionService, type CommandResponse } from '@app/kit';
import { Metrics, PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { RegistryView } from '@app/registry-view';
import { DraftDocumentCommand } from '../documents/document.handlers';
import type { DocumentFullySigned } from '../documents/document.events';
import { listDivisionContent, listDivisionContentHash, listDivisionDocumentId } from './list-sign-off';
import { responsibilityListStreamId } from './responsibility-list.commands';
import type { ResponsibilityListState } from './responsibility-list.decider';
import { ResponsibilityListAggregate } from './responsibility-list.handlers';

export interface ListSubmission extends CommandResponse {
  /** The responsibility-division document carrying the revision, to be signed off. */
  readonly documentId: string;
  readonly contentHash: string;
}

export class SubmitListForSignOffCommand extends BusCommand<{ readonly unitCode: string; readonly year: number }, ListSubmission> {}

async function listRow(
  dataSource: DataSource,
  unitCode: string,
  year: number,
): Promise<{ state: ResponsibilityListState; version: number }> {
  const [row] = await dataSource.query<{ state: ResponsibilityListState; version: number }[]>(
    'SELECT state, version FROM resp_lists WHERE stream_id = $1',
    [responsibilityListStreamId(unitCode, year)],
  );
  return row ?? { state: { status: 'absent' }, version: 0 };
}

/**
 * Locks the list's current revision for sign-off and drafts the responsibility-division document
 * that carries it. Retry-safe: a revision already submitted with the same content goes on to the
 * document, and a document already drafted for it is taken as it is.
 */
@CommandHandler(SubmitListForSignOffCommand)
export class SubmitListForSignOffHandler implements ICommandHandler<SubmitListForSignOffCommand> {
  constructor(
    private readonly lists: ResponsibilityListAggregate,
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly view: RegistryView,
  ) {}

  async execute({ data, context }: SubmitListForSignOffCommand): Promise<ListSubmission> {
    const today = chinaDay(context.now);
    const { state, version } = await listRow(this.dataSource, data.unitCode, data.year);
    if (state.status === 'absent') {
      throw new DomainError('LIST.NOT_FOUND', `No list of ${data.unitCode} for ${data.year}.`, 'not_found');
    }
    const unit = await this.view.unitOn(data.unitCode, today);
    const staff = [...new Set(state.items.flatMap((item) => item.responsible))];
    const names = new Map(
      await Promise.all(
        staff.map(async (number) => [number, (await this.view.personOn(number, today).catch(() => undefined))?.name ?? number] as const),
      ),
    );
    const content = listDivisionContent(state, unit?.name ?? data.unitCode, names);
    const contentHash = listDivisionContentHash(content);
    const documentId = listDivisionDocumentId(data.unitCode, data.year, state.revision);
    let submitted: CommandResponse | undefined;
    if (!(state.status === 'submitted' && state.contentHash === contentHash)) {
      const actor = await this.lists.actors.actorOf(context.principal, data.unitCode, today);
      submitted = await this.lists.send(
        { type: 'SubmitResponsibilityListForSignOff', data: { unitCode: data.unitCode, year: data.year, contentHash, actor } },
        context,
      );
    }
    // The document is its own stream: the request's Idempotency-Key and If-Match belong to the list.
    const inner = commandContext(context.principal, { now: context.now, correlationId: context.correlationId });
    await this.commands
      .execute(
        new DraftDocumentCommand(
          { documentId, kind: 'responsibility_division', unitCode: data.unitCode, year: data.year, counterpartyUnitCode: null, content },
          inner,
        ),
      )
      .catch((error: unknown) => {
        if (!(error instanceof DomainError && error.code === 'DOCUMENT.ALREADY_EXISTS')) throw error;
      });
    const response: CommandResponse = submitted ?? {
      streamId: responsibilityListStreamId(data.unitCode, data.year),
      version,
      events: [],
      replayed: false,
      readModelsCurrent: true,
    };
    return { ...response, documentId, contentHash };
  }
}

const APPROVER: Principal = { personId: 'service:list-sign-off', roles: [], units: [] };

/**
 * When the responsibility-division document of a submitted list revision is fully signed, the
 * revision is approved. Follows the sealed log; approving twice records nothing.
 */
@Injectable()
export class ListSignOffTracker extends LogReactionService {
  constructor(
    private readonly lists: ResponsibilityListAggregate,
    private readonly dataSource: DataSource,
    sourcing: EventSourcing,
    @Inject(PLATFORM_LOGGER) logger: Logger,
    metrics: Metrics,
  ) {
    super({ name: 'list-sign-off', handles: ['DocumentFullySigned'] }, sourcing, logger, metrics);
  }

  protected async react(event: SealedEvent): Promise<void> {
    const signed = (event as SealedEvent<string, DocumentFullySigned['data']>).data;
    if (signed.kind !== 'responsibility_division') return;
    const { state } = await listRow(this.dataSource, signed.unitCode, signed.year);
    // Only the document the list's own submission drafted approves it; others are the unit's own papers.
    if (state.status !== 'submitted' || listDivisionDocumentId(signed.unitCode, signed.year, state.revision) !== signed.documentId) return;
    const context = commandContext(APPROVER, { correlationId: event.metadata.correlationId, causationId: event.eventId });
    await this.lists.send(
      { type: 'ApproveResponsibilityList', data: { unitCode: signed.unitCode, year: signed.year, contentHash: signed.contentHash } },
      context,
    );
  }
}
