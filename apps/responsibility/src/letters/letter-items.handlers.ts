import { CommandBus, CommandHandler, QueryBus, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay, DomainError } from '@app/domain';
import { BusCommand, BusQuery, type CommandResponse } from '@app/kit';
import { assertActsFor } from '@app/platform';
import { GetDocument } from '../documents/document.handlers';
import { obligationColour, type ObligationColour } from '../obligations/obligation-colour';
import { FulfilObligationCommand } from '../obligations/obligation.command-handlers';
import type { OpenedObligationState } from '../obligations/obligation.decider';
import { obligationStreamId } from '../obligations/obligation.commands';
import type { LetterContent } from './letter-content';
import { letterItemObligationId } from './letter-items';

export interface LetterItemTracking {
  readonly obligationId: string;
  readonly dueOn: string;
  readonly status: OpenedObligationState['status'];
  readonly fulfilledOn: string | null;
  readonly colour: ObligationColour;
}

export interface LetterItemView {
  readonly itemNo: number;
  readonly text: string;
  readonly deadline: string;
  /** Null until the letter took effect and its items were taken up (within a moment of the last signature). */
  readonly tracking: LetterItemTracking | null;
}

export interface LetterItemsView {
  readonly documentId: string;
  readonly issuerUnitCode: string;
  readonly recipientUnitCode: string;
  readonly status: string;
  /** The version the items are read from: the signed one once the letter is fully signed. */
  readonly version: number;
  readonly items: readonly LetterItemView[];
}

/** A responsibility letter's items with how each is tracked: read by both parties and by those who may read either. */
export class GetLetterItems extends BusQuery<{ readonly documentId: string }, LetterItemsView> {}

export interface FulfilLetterItemData {
  readonly documentId: string;
  readonly itemNo: number;
  readonly fulfilledOn: string;
  readonly evidence: string;
}

/** The recipient unit reports an item of a letter in effect done. */
export class FulfilLetterItemCommand extends BusCommand<FulfilLetterItemData> {}

@QueryHandler(GetLetterItems)
export class GetLetterItemsHandler implements IQueryHandler<GetLetterItems> {
  constructor(
    private readonly queries: QueryBus,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ params, principal }: GetLetterItems): Promise<LetterItemsView> {
    const document = await this.queries.execute(new GetDocument({ documentId: params.documentId }, principal));
    if (document.kind !== 'responsibility_letter' || document.counterpartyUnitCode === null) {
      throw new DomainError(
        'LETTER.NOT_A_LETTER',
        `document ${params.documentId} is a ${document.kind}, not a responsibility letter`,
        'not_found',
      );
    }
    const version = document.versions[document.versions.length - 1];
    const content = version.content as LetterContent;
    const ids = content.items.map((_, index) => letterItemObligationId(params.documentId, index + 1));
    const rows = await this.dataSource.query<{ state: OpenedObligationState }[]>(
      "SELECT state FROM resp_obligations WHERE stream_id = ANY($1::text[]) AND status <> 'absent'",
      [ids.map(obligationStreamId)],
    );
    const byId = new Map(rows.map(({ state }) => [state.obligationId, state]));
    const today = chinaDay(new Date());
    return {
      documentId: document.documentId,
      issuerUnitCode: document.unitCode,
      recipientUnitCode: document.counterpartyUnitCode,
      status: document.status,
      version: version.version,
      items: content.items.map((item, index) => {
        const state = byId.get(ids[index]);
        return { itemNo: index + 1, text: item.text, deadline: item.deadline, tracking: state ? tracking(state, today) : null };
      }),
    };
  }
}

function tracking(state: OpenedObligationState, today: string): LetterItemTracking {
  return {
    obligationId: state.obligationId,
    dueOn: state.dueOn,
    status: state.status,
    fulfilledOn: state.status === 'fulfilled' ? state.fulfilledOn : null,
    colour: obligationColour(state, today),
  };
}

@CommandHandler(FulfilLetterItemCommand)
export class FulfilLetterItemHandler implements ICommandHandler<FulfilLetterItemCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ data, context }: FulfilLetterItemCommand): Promise<CommandResponse> {
    const obligationId = letterItemObligationId(data.documentId, data.itemNo);
    const [row] = await this.dataSource.query<{ unit_code: string }[]>(
      "SELECT unit_code FROM resp_obligations WHERE stream_id = $1 AND status <> 'absent'",
      [obligationStreamId(obligationId)],
    );
    if (!row) {
      throw new DomainError(
        'LETTER.ITEM_NOT_TRACKED',
        `item ${data.itemNo} of letter ${data.documentId} is not tracked: the letter has no such item or has not taken effect`,
        'not_found',
      );
    }
    // Only the recipient unit, which owes the item, reports it done.
    assertActsFor(context.principal, row.unit_code, 'write');
    return this.commands.execute(
      new FulfilObligationCommand({ obligationId, fulfilledOn: data.fulfilledOn, evidence: data.evidence }, context),
    );
  }
}
