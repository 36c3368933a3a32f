import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { EventStore } from '@app/eventstore';
import { BusCommand, idFromKey, type CommandContext, type CommandResponse } from '@app/kit';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';
import { fieldError } from '../duty-template/field-rules';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';
import { EvidenceStore } from '../evidence/evidence.store';
import { ResponsibilityActors } from '../responsibility-actors';
import { FollowUpAggregate } from './follow-up.aggregate';
import type { RecordRef } from './follow-up.events';
import { FollowUpReads } from './follow-up.reads';

/**
 * The follow-up use cases on the bus (督办). Each resolves, for the command's day in CST, the
 * caller's roles relative to the notice's unit; issuing also resolves the commission paired with
 * the unit that day and checks that the record named is one of the unit's.
 */

interface IssueInput {
  readonly unitCode: string;
  readonly record: RecordRef;
  readonly text: string;
  readonly deadline: string;
}
export class IssueFollowUpNoticeCommand extends BusCommand<IssueInput, CommandResponse & { noticeId: string }> {}
export class CommentOnFollowUpCommand extends BusCommand<{ readonly noticeId: string; readonly text: string }> {}
export class AnswerFollowUpCommand extends BusCommand<
  { readonly noticeId: string; readonly text: string; readonly attachments?: readonly EvidenceAttachment[] },
  CommandResponse & { answerId: string }
> {}
export class CloseFollowUpCommand extends BusCommand<{ readonly noticeId: string; readonly outcome: string; readonly remark?: string }> {}

/** The caller as the notice's unit sees them on the command's day. */
@Injectable()
export class FollowUpFacts {
  constructor(
    private readonly reads: FollowUpReads,
    private readonly actors: ResponsibilityActors,
    private readonly store: EventStore,
  ) {}

  async onNotice(noticeId: string, context: CommandContext): Promise<{ unitCode: string; actor: ResponsibilityActor }> {
    const { unitCode } = await this.reads.require(noticeId);
    return { unitCode, actor: await this.actors.actorOf(context.principal, unitCode, chinaDay(context.now)) };
  }

  /** The record's stream exists and was written for the unit (its events carry the unit). */
  async requireRecordOf(unitCode: string, record: RecordRef): Promise<void> {
    const [first] = await this.store.readStream(record.streamId, { toVersion: 1 });
    if (first?.metadata.unitId !== unitCode) {
      throw fieldError('FOLLOW_UP.RECORD_NOT_OF_UNIT', `${record.streamId} is not a record of ${unitCode}`, 'record.streamId');
    }
  }
}

@CommandHandler(IssueFollowUpNoticeCommand)
export class IssueFollowUpNoticeHandler implements ICommandHandler<IssueFollowUpNoticeCommand> {
  constructor(
    private readonly notices: FollowUpAggregate,
    private readonly actors: ResponsibilityActors,
    private readonly facts: FollowUpFacts,
  ) {}

  async execute({ data, context }: IssueFollowUpNoticeCommand) {
    const day = chinaDay(context.now);
    const [actor, commissionCode] = await Promise.all([
      this.actors.actorOf(context.principal, data.unitCode, day),
      this.actors.pairedCommissionOf(data.unitCode, day),
    ]);
    if (actor.roles.includes('paired_commission')) await this.facts.requireRecordOf(data.unitCode, data.record);
    const noticeId = context.idempotencyKey ? idFromKey(`follow-up:${data.unitCode}`, context.idempotencyKey) : randomUUID();
    // With no pairing that day the caller cannot be the paired commission, and the decider refuses before reading the code.
    const command = { ...data, noticeId, commissionCode: commissionCode ?? '', actor };
    const result = await this.notices.send({ type: 'IssueFollowUpNotice', data: command }, context, data.unitCode);
    return { ...result, noticeId };
  }
}

@CommandHandler(CommentOnFollowUpCommand)
export class CommentOnFollowUpHandler implements ICommandHandler<CommentOnFollowUpCommand> {
  constructor(
    private readonly notices: FollowUpAggregate,
    private readonly facts: FollowUpFacts,
  ) {}

  async execute({ data, context }: CommentOnFollowUpCommand) {
    const { unitCode, actor } = await this.facts.onNotice(data.noticeId, context);
    return this.notices.send({ type: 'CommentOnFollowUp', data: { ...data, actor } }, context, unitCode);
  }
}

@CommandHandler(AnswerFollowUpCommand)
export class AnswerFollowUpHandler implements ICommandHandler<AnswerFollowUpCommand> {
  constructor(
    private readonly notices: FollowUpAggregate,
    private readonly facts: FollowUpFacts,
    private readonly evidence: EvidenceStore,
  ) {}

  async execute({ data, context }: AnswerFollowUpCommand) {
    const { unitCode, actor } = await this.facts.onNotice(data.noticeId, context);
    await this.evidence.requireAll(data.attachments ?? []);
    const answerId = context.idempotencyKey ? idFromKey(`follow-up-answer:${data.noticeId}`, context.idempotencyKey) : randomUUID();
    const result = await this.notices.send({ type: 'AnswerFollowUp', data: { ...data, answerId, actor } }, context, unitCode);
    return { ...result, answerId };
  }
}

@CommandHandler(CloseFollowUpCommand)
export class CloseFollowUpHandler implements ICommandHandler<CloseFollowUpCommand> {
  constructor(
    private readonly notices: FollowUpAggregate,
    private readonly facts: FollowUpFacts,
  ) {}

  async execute({ data, context }: CloseFollowUpCommand) {
    const { unitCode, actor } = await this.facts.onNotice(data.noticeId, context);
    return this.notices.send({ type: 'CloseFollowUp', data: { ...data, actor } }, context, unitCode);
  }
}
