import { Injectable } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { chinaDay } from '@app/domain';
import {
  BusCommand,
  BusQuery,
  CommandPath,
  type Aggregate,
  type CommandContext,
  type CommandResponse,
  type CommandWithoutMetadata,
} from '@app/kit';
import type { Principal } from '@app/platform';
import { RegistryView } from '@app/registry-view';
import { AccountabilityReads, actsForCommission, assertMayRead } from '../accountability/accountability.reads';
import { KIND_LABELS, SANCTION_TABLE } from '../accountability/sanction-table';
import { bulletinStreamId, type BulletinActor, type BulletinCommand } from './bulletin.commands';
import { bimonthOf, bulletinDecider, type BulletinState } from './bulletin.decider';
import type { BulletinEvent, TypicalCase } from './bulletin.events';

const SECRETARY_POSTS = ['commission_secretary', 'inspection_group_head'];

/** A bulletin's entry to the command path, the caller's standing and the typical cases of the period. */
@Injectable()
export class BulletinAggregate {
  private readonly aggregate: Aggregate<BulletinState, BulletinCommand, BulletinEvent> = { decider: bulletinDecider };

  constructor(
    private readonly path: CommandPath,
    private readonly view: RegistryView,
    private readonly reads: AccountabilityReads,
    private readonly dataSource: DataSource,
  ) {}

  send(command: CommandWithoutMetadata<BulletinCommand>, context: CommandContext): Promise<CommandResponse> {
    const { commission, period } = command.data;
    return this.path.execute(this.aggregate, bulletinStreamId(commission, period), command, context, commission);
  }

  async actorOf(principal: Principal, commission: string, day: string): Promise<BulletinActor> {
    const holders = await Promise.all(SECRETARY_POSTS.map((post) => this.view.holdersOn(commission, post, day)));
    return {
      staffNumber: principal.personId,
      actsForCommission: actsForCommission(principal, commission),
      isSecretary: holders.flat().some((holder) => holder.staffNumber === principal.personId),
    };
  }

  /** The decisions marked typical (典型案例) that were taken in the period, oldest first. */
  async typicalCases(commission: string, period: string): Promise<TypicalCase[]> {
    const { from, to } = bimonthOf(period);
    const decisions = await this.reads.decisions({ commission, decidedFrom: from, decidedTo: to });
    return decisions
      .filter((decision) => decision.typical)
      .map((decision) => ({
        decisionId: decision.decisionId,
        decidedOn: decision.decidedOn,
        unitCode: decision.target.unitCode,
        staffNumber: decision.target.kind === 'cadre' ? decision.target.staffNumber : null,
        measures: decision.measures,
        sanctions: decision.sanctions.map(
          (sanction) => `${KIND_LABELS[sanction.kind]}：${SANCTION_TABLE[sanction.kind][sanction.type]?.label ?? sanction.type}`,
        ),
      }));
  }

  async state(commission: string, period: string): Promise<{ state: BulletinState; version: number }> {
    const [row] = await this.dataSource.query<{ state: BulletinState; version: number }[]>(
      'SELECT state, version FROM acc_bulletins WHERE stream_id = $1',
      [bulletinStreamId(commission, period)],
    );
    return row ?? { state: { status: 'absent' }, version: 0 };
  }
}

interface BulletinKey {
  readonly commission: string;
  readonly period: string;
}
export class CompileBulletinCommand extends BusCommand<BulletinKey> {}
export class ReviewBulletinCommand extends BusCommand<BulletinKey & { readonly opinion: string }> {}
export class SignBulletinCommand extends BusCommand<BulletinKey> {}
export class PublishBulletinCommand extends BusCommand<BulletinKey> {}

@CommandHandler(CompileBulletinCommand)
export class CompileBulletinHandler implements ICommandHandler<CompileBulletinCommand> {
  constructor(private readonly bulletins: BulletinAggregate) {}

  async execute({ data, context }: CompileBulletinCommand) {
    bimonthOf(data.period);
    const actor = await this.bulletins.actorOf(context.principal, data.commission, chinaDay(context.now));
    const cases = await this.bulletins.typicalCases(data.commission, data.period);
    return this.bulletins.send({ type: 'CompileBulletin', data: { ...data, cases, actor } }, context);
  }
}

@CommandHandler(ReviewBulletinCommand)
export class ReviewBulletinHandler implements ICommandHandler<ReviewBulletinCommand> {
  constructor(private readonly bulletins: BulletinAggregate) {}

  async execute({ data, context }: ReviewBulletinCommand) {
    const actor = await this.bulletins.actorOf(context.principal, data.commission, chinaDay(context.now));
    return this.bulletins.send({ type: 'ReviewBulletin', data: { ...data, actor } }, context);
  }
}

@CommandHandler(SignBulletinCommand)
export class SignBulletinHandler implements ICommandHandler<SignBulletinCommand> {
  constructor(private readonly bulletins: BulletinAggregate) {}

  async execute({ data, context }: SignBulletinCommand) {
    const actor = await this.bulletins.actorOf(context.principal, data.commission, chinaDay(context.now));
    return this.bulletins.send({ type: 'SignBulletin', data: { ...data, actor } }, context);
  }
}

@CommandHandler(PublishBulletinCommand)
export class PublishBulletinHandler implements ICommandHandler<PublishBulletinCommand> {
  constructor(private readonly bulletins: BulletinAggregate) {}

  async execute({ data, context }: PublishBulletinCommand) {
    const actor = await this.bulletins.actorOf(context.principal, data.commission, chinaDay(context.now));
    return this.bulletins.send({ type: 'PublishBulletin', data: { ...data, actor } }, context);
  }
}

export class GetBulletin extends BusQuery<BulletinKey, BulletinView> {}

export interface BulletinView {
  readonly commission: string;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly status: BulletinState['status'];
  /** The typical cases of the period as recorded now (what a compilation would list). */
  readonly currentCases: readonly TypicalCase[];
  readonly bulletin: BulletinState;
  readonly version: number;
}

@QueryHandler(GetBulletin)
export class GetBulletinHandler implements IQueryHandler<GetBulletin> {
  constructor(private readonly bulletins: BulletinAggregate) {}

  async execute({ params, principal }: GetBulletin): Promise<BulletinView> {
    const { from, to } = bimonthOf(params.period);
    assertMayRead(principal, params.commission);
    const [{ state, version }, currentCases] = await Promise.all([
      this.bulletins.state(params.commission, params.period),
      this.bulletins.typicalCases(params.commission, params.period),
    ]);
    return { ...params, from, to, status: state.status, currentCases, bulletin: state, version };
  }
}
