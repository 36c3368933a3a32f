import { Injectable } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
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
import type { Principal } from '@app/platform';
import { RegistryView } from '@app/registry-view';
import { SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';
import { AccountabilityReads, actsForCommission, assertMayRead } from '../accountability/accountability.reads';
import { KIND_LABELS, SANCTION_TABLE } from '../accountability/sanction-table';
import type { SignOffInput } from '../returns/return.commands';
import { signOffFacts } from '../returns/sign-off-facts';
import { bulletinStreamId, type BulletinActor, type BulletinCommand } from './bulletin.commands';
import { bimonthOf, bulletinDecider, type BulletinState } from './bulletin.decider';
import { BULLETIN_SIGN_OFF_ROLE, bulletinContentHash, type BulletinEvent, type TypicalCase } from './bulletin.events';

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
    const secretaries = await this.secretariesOn(commission, day);
    return {
      staffNumber: principal.personId,
      actsForCommission: actsForCommission(principal, commission),
      isSecretary: secretaries.includes(principal.personId),
    };
  }

  /** Who held the commission's secretary posts on the day (the commission secretary first). */
  async secretariesOn(commission: string, day: string): Promise<string[]> {
    const holders = await Promise.all(SECRETARY_POSTS.map((post) => this.view.holdersOn(commission, post, day)));
    return [...new Set(holders.flat().map((holder) => holder.staffNumber))];
  }

  /** The key the signature names as the registry has it, and the verdict over the statement. */
  signOffFacts(commission: string, period: string, input: SignOffInput) {
    return signOffFacts(this.view, bulletinStreamId(commission, period), BULLETIN_SIGN_OFF_ROLE, input);
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
export class SignBulletinCommand extends BusCommand<BulletinKey & SignOffInput> {}
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

  /** The signature is verified here; the decider judges it with the hash of the bulletin as compiled, the key and the signer. */
  async execute({ data, context }: SignBulletinCommand) {
    bimonthOf(data.period);
    const [actor, facts] = await Promise.all([
      this.bulletins.actorOf(context.principal, data.commission, chinaDay(context.now)),
      this.bulletins.signOffFacts(data.commission, data.period, data),
    ]);
    return this.bulletins.send({ type: 'SignBulletin', data: { ...data, facts, actor } }, context);
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

/** What the secretary signs to sign the bulletin as compiled (the `signoff/v1` statement's fixed lines). */
export interface BulletinToSign {
  readonly documentId: string;
  /** The compilation signed. */
  readonly version: number;
  /** content-sm3=: SM3 of the RFC 8785 canonical JSON of `{commission, period, cases}` as compiled. */
  readonly contentHash: string;
  readonly role: string;
  readonly statementFormat: string;
  readonly signerStaffNumber: string | null;
  readonly cases: readonly TypicalCase[];
}

export class GetBulletinSignatureHash extends BusQuery<BulletinKey, BulletinToSign> {}

/** For the secretary of the day, auditors and officers acting for the commission; 409 BULLETIN.NOT_COMPILED before a compilation. */
@QueryHandler(GetBulletinSignatureHash)
export class GetBulletinSignatureHashHandler implements IQueryHandler<GetBulletinSignatureHash> {
  constructor(private readonly bulletins: BulletinAggregate) {}

  async execute({ params, principal }: GetBulletinSignatureHash): Promise<BulletinToSign> {
    bimonthOf(params.period);
    const secretaries = await this.bulletins.secretariesOn(params.commission, chinaDay(new Date()));
    if (!secretaries.includes(principal.personId)) assertMayRead(principal, params.commission);
    const { state } = await this.bulletins.state(params.commission, params.period);
    if (state.status === 'absent') throw new DomainError('BULLETIN.NOT_COMPILED', 'the bulletin is not compiled yet', 'conflict');
    return {
      documentId: bulletinStreamId(params.commission, params.period),
      version: state.compilation,
      contentHash: bulletinContentHash(state),
      role: BULLETIN_SIGN_OFF_ROLE,
      statementFormat: SIGN_OFF_STATEMENT_FORMAT,
      signerStaffNumber: secretaries.includes(principal.personId) ? principal.personId : (secretaries[0] ?? null),
      cases: state.cases,
    };
  }
}

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
