import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import { BusQuery } from '@app/kit';
import { ResponsibilityActors } from '../responsibility-actors';
import { obligationColour, type ObligationColour } from './obligation-colour';
import type { OpenedObligationState } from './obligation.decider';

export interface ObligationListItem {
  readonly obligationId: string;
  readonly unitCode: string;
  readonly subject: string;
  readonly ruleName: string;
  readonly dueOn: string;
  readonly warnFrom: string;
  readonly status: OpenedObligationState['status'];
  readonly fulfilledOn: string | null;
  readonly colour: ObligationColour;
  readonly version: number;
}

/** A unit's obligations by due day, with today's colour; `colour` filters on it. */
export class ListObligations extends BusQuery<
  { readonly unitCode: string; readonly colour?: ObligationColour; readonly today?: string },
  ObligationListItem[]
> {}

@QueryHandler(ListObligations)
export class ListObligationsHandler implements IQueryHandler<ListObligations> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params, principal }: ListObligations): Promise<ObligationListItem[]> {
    const today = params.today ?? chinaDay(new Date());
    await this.actors.assertMayRead(principal, params.unitCode, today);
    const rows = await this.dataSource.query<{ state: OpenedObligationState; version: number }[]>(
      "SELECT state, version FROM resp_obligations WHERE unit_code = $1 AND status <> 'absent' ORDER BY due_on, subject",
      [params.unitCode],
    );
    return rows
      .map(({ state, version }) => ({
        obligationId: state.obligationId,
        unitCode: state.unitCode,
        subject: state.subject,
        ruleName: state.ruleName,
        dueOn: state.dueOn,
        warnFrom: state.warnFrom,
        status: state.status,
        fulfilledOn: state.status === 'fulfilled' ? state.fulfilledOn : null,
        colour: obligationColour(state, today),
        version,
      }))
      .filter((item) => params.colour === undefined || item.colour === params.colour);
  }
}
