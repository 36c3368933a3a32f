import { Injectable } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { obligationStatus } from '@app/deadlines';
import { chinaDay, DomainError } from '@app/domain';
import {
  BusCommand,
  BusQuery,
  CommandPath,
  type Aggregate,
  type CommandContext,
  type CommandResponse,
  type CommandWithoutMetadata,
} from '@app/kit';
import { principalLeaderOn, RegistryView, teamOn, unitOn } from '@app/registry-view';
import type { ListItemLine } from '../exports/responsibility-workbooks';
import { ResponsibilityActors } from '../responsibility-actors';
import type { ItemInput, ResponsibilityListCommand } from './responsibility-list.commands';
import { responsibilityListStreamId } from './responsibility-list.commands';
import { responsibilityListDecider, type ListRecord, type ResponsibilityListState } from './responsibility-list.decider';
import type { ResponsibilityListEvent } from './responsibility-list.events';

/** Days before a deadline from which an item shows as due soon (临期), until the rule book carries it per jurisdiction. */
export const DUE_SOON_WITHIN_DAYS = 15;

const TEAM_POSTS = ['team_member', 'deputy_secretary'];
const COMMISSION_HEADS = ['commission_secretary', 'inspection_group_head', 'commission_deputy'];

/**
 * The days the template's deadline rules fall on for a year: the year's end, and the signing of
 * the year's targets by the end of the first quarter (seed §3(1), §4(1): targets set at the start of
 * the year; the district's default is 31 March). A list drawn up after one of these days has
 * passed gets the day it is drawn up instead: the item is due at once.
 */
export function templateDeadlines(year: number, today: string): Record<string, string> {
  const notBefore = (day: string) => (day < today ? today : day);
  return { year_end: notBefore(`${year}-12-31`), responsibility_targets_signed: notBefore(`${year}-03-31`) };
}

@Injectable()
export class ResponsibilityListAggregate {
  private readonly aggregate: Aggregate<ResponsibilityListState, ResponsibilityListCommand, ResponsibilityListEvent> = {
    decider: responsibilityListDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.unitCode),
  };

  constructor(
    private readonly path: CommandPath,
    readonly actors: ResponsibilityActors,
  ) {}

  send(command: CommandWithoutMetadata<ResponsibilityListCommand>, context: CommandContext): Promise<CommandResponse> {
    const { unitCode, year } = command.data;
    return this.path.execute(this.aggregate, responsibilityListStreamId(unitCode, year), command, context, unitCode);
  }
}

export class GenerateResponsibilityListCommand extends BusCommand<{ readonly unitCode: string; readonly year: number }> {}

/** Draws the list from the duty template with the unit's kind and who holds which post today. */
@CommandHandler(GenerateResponsibilityListCommand)
export class GenerateResponsibilityListHandler implements ICommandHandler<GenerateResponsibilityListCommand> {
  constructor(
    private readonly lists: ResponsibilityListAggregate,
    private readonly view: RegistryView,
  ) {}

  async execute({ data, context }: GenerateResponsibilityListCommand): Promise<CommandResponse> {
    const day = chinaDay(context.now);
    const history = await this.view.unitHistory(data.unitCode);
    const unit = unitOn(history, day);
    if (!unit) throw new DomainError('UNIT.NOT_FOUND', `Unit ${data.unitCode} does not exist on ${day}.`, 'not_found');
    const actor = await this.lists.actors.actorOf(context.principal, data.unitCode, day, history);
    const leader = principalLeaderOn(history, day);
    const team = teamOn(history, day);
    const members = team.filter((member) => TEAM_POSTS.includes(member.post)).map((member) => member.staffNumber);
    const heads = team.filter((member) => COMMISSION_HEADS.includes(member.post)).map((member) => member.staffNumber);
    const leaders = leader ? [leader.staffNumber] : [];
    return this.lists.send(
      {
        type: 'GenerateResponsibilityList',
        data: {
          unitCode: data.unitCode,
          year: data.year,
          actor,
          unitKind: unit.kind,
          responsible: { committee: [...leaders, ...members], principal_leader: leaders, team_member: members, commission: heads },
          deadlines: templateDeadlines(data.year, day),
        },
      },
      context,
    );
  }
}

export class AmendResponsibilityListItemCommand extends BusCommand<{
  readonly unitCode: string;
  readonly year: number;
  readonly key: string;
  readonly changes: Partial<Omit<ItemInput, 'key' | 'text'>>;
}> {}

@CommandHandler(AmendResponsibilityListItemCommand)
export class AmendResponsibilityListItemHandler implements ICommandHandler<AmendResponsibilityListItemCommand> {
  constructor(private readonly lists: ResponsibilityListAggregate) {}

  async execute({ data, context }: AmendResponsibilityListItemCommand): Promise<CommandResponse> {
    const actor = await this.lists.actors.actorOf(context.principal, data.unitCode, chinaDay(context.now));
    return this.lists.send({ type: 'AmendResponsibilityListItem', data: { ...data, actor } }, context);
  }
}

export interface ListView extends ListRecord {
  readonly status: string;
  readonly version: number;
  readonly asOf: string;
  readonly items: readonly (ListRecord['items'][number] & { readonly responsibleNames: readonly string[]; readonly warning: string })[];
}

export class GetResponsibilityList extends BusQuery<{ readonly unitCode: string; readonly year: number }, ListView> {}

/** A unit's list with each responsible person's name today and each item's deadline warning (三色预警). */
@QueryHandler(GetResponsibilityList)
export class GetResponsibilityListHandler implements IQueryHandler<GetResponsibilityList> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: ResponsibilityActors,
    private readonly view: RegistryView,
  ) {}

  async execute({ params, principal }: GetResponsibilityList): Promise<ListView> {
    const today = chinaDay(new Date());
    await this.actors.assertMayRead(principal, params.unitCode, today);
    const [row] = await this.dataSource.query<{ state: ResponsibilityListState; version: number }[]>(
      'SELECT state, version FROM resp_lists WHERE stream_id = $1',
      [responsibilityListStreamId(params.unitCode, params.year)],
    );
    if (!row || row.state.status === 'absent') {
      throw new DomainError('LIST.NOT_FOUND', `No list of ${params.unitCode} for ${params.year}.`, 'not_found');
    }
    const state = row.state;
    const staff = [...new Set(state.items.flatMap((item) => item.responsible))];
    const names = new Map(
      await Promise.all(
        staff.map(async (number) => [number, (await this.view.personOn(number, today).catch(() => undefined))?.name ?? number] as const),
      ),
    );
    return {
      ...state,
      version: row.version,
      asOf: today,
      items: state.items.map((item) => ({
        ...item,
        responsibleNames: item.responsible.map((number) => names.get(number) ?? number),
        warning: obligationStatus({ dueDay: item.deadline, today, dueSoonWithinDays: DUE_SOON_WITHIN_DAYS }),
      })),
    };
  }
}

/** The list's lines as the XLSX export prints them. */
export function listLines(list: ListView): ListItemLine[] {
  return list.items.map((item) => ({
    key: item.key,
    subject: item.subject,
    title: item.title,
    responsible: item.responsibleNames,
    deadline: item.deadline,
    requiredEvidence: item.requiredEvidence,
    weight: item.weight,
    status: item.warning,
  }));
}
