import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RULE_NAMES } from '@app/deadlines';
import { chinaDay, DomainError } from '@app/domain';
import { BusCommand } from '@app/kit';
import { RegistryView } from '@app/registry-view';
import { canonicalContentHash, signatureFacts } from '@app/signoffs';
import { HandlingFacts } from '../cases/handling-facts';
import { InquiryAggregate } from './inquiry.aggregate';
import type { OpenInquiry, RecordInquiryReply } from './inquiry.commands';
import { REPLY_SIGN_OFF_ROLE } from './inquiry.events';
import { InquiryReads } from './inquiry.reads';

/** The letter inquiry use cases on the bus. Opening is the clue-disposal process's, never a route's. */

export class OpenInquiryCommand extends BusCommand<OpenInquiry['data']> {}
export class SendInquiryLetterCommand extends BusCommand<{ readonly inquiryId: string; readonly sentOn: string }> {}
export type ReplyInput = Omit<RecordInquiryReply['data'], 'contentHash' | 'facts' | 'actor'>;
export class RecordInquiryReplyCommand extends BusCommand<ReplyInput> {}
export class DecideInquiryOutcomeCommand extends BusCommand<{
  readonly inquiryId: string;
  readonly outcome: string;
  readonly reason: string;
}> {}
export class MarkInquiryReplyOverdueCommand extends BusCommand<{ readonly inquiryId: string }> {}

/** The canonical hash of a reply's content as the edge received it; content that cannot be hashed is refused by name. */
export function replyContentHash(content: unknown): string {
  try {
    return canonicalContentHash(content as object);
  } catch {
    throw new DomainError('INQUIRY.CONTENT_REQUIRED', 'The content is a JSON object with a title and a body.', 'invalid', {
      field: 'content',
    });
  }
}

@CommandHandler(OpenInquiryCommand)
export class OpenInquiryHandler implements ICommandHandler<OpenInquiryCommand> {
  constructor(private readonly inquiries: InquiryAggregate) {}

  execute({ data, context }: OpenInquiryCommand) {
    return this.inquiries.send({ type: 'OpenInquiry', data }, context, data.commission);
  }
}

@CommandHandler(SendInquiryLetterCommand)
export class SendInquiryLetterHandler implements ICommandHandler<SendInquiryLetterCommand> {
  constructor(
    private readonly inquiries: InquiryAggregate,
    private readonly reads: InquiryReads,
    private readonly facts: HandlingFacts,
  ) {}

  async execute({ data, context }: SendInquiryLetterCommand) {
    const inquiry = await this.reads.require(data.inquiryId);
    const actor = await this.facts.actorOf(context.principal, inquiry.commission, chinaDay(context.now));
    const replyRule = await this.facts.ruleFor(RULE_NAMES.letterInquiryReply, inquiry.commission, data.sentOn);
    return this.inquiries.send(
      { type: 'SendInquiryLetter', data: { inquiryId: inquiry.inquiryId, sentOn: data.sentOn, replyRule, actor } },
      context,
      inquiry.commission,
    );
  }
}

/**
 * A signed reply. The signature is verified here against the key the fingerprint names in the
 * registry; the key's validity on the signing day (today) and who had to endorse it that day are
 * the registry view's answers, judged by the decider: nothing is written unless all hold.
 */
@CommandHandler(RecordInquiryReplyCommand)
export class RecordInquiryReplyHandler implements ICommandHandler<RecordInquiryReplyCommand> {
  constructor(
    private readonly inquiries: InquiryAggregate,
    private readonly reads: InquiryReads,
    private readonly facts: HandlingFacts,
    private readonly view: RegistryView,
  ) {}

  async execute({ data, context }: RecordInquiryReplyCommand) {
    const inquiry = await this.reads.require(data.inquiryId);
    const today = chinaDay(context.now);
    const contentHash = replyContentHash(data.content);
    const [actor, key, endorser] = await Promise.all([
      this.facts.actorOf(context.principal, inquiry.commission, today),
      this.view.keyByFingerprint(typeof data.keyFingerprint === 'string' ? data.keyFingerprint.toLowerCase() : ''),
      this.facts.endorserOf(inquiry.respondent, today),
    ]);
    const claim = {
      documentId: inquiry.inquiryId,
      version: data.version,
      contentHash,
      role: REPLY_SIGN_OFF_ROLE,
      signerStaffNumber: data.signerStaffNumber,
      opinion: data.opinion,
    };
    const facts = { ...signatureFacts(claim, data.signature, key), endorser };
    return this.inquiries.send(
      { type: 'RecordInquiryReply', data: { ...data, inquiryId: inquiry.inquiryId, contentHash, facts, actor } },
      context,
      inquiry.commission,
    );
  }
}

@CommandHandler(DecideInquiryOutcomeCommand)
export class DecideInquiryOutcomeHandler implements ICommandHandler<DecideInquiryOutcomeCommand> {
  constructor(
    private readonly inquiries: InquiryAggregate,
    private readonly reads: InquiryReads,
    private readonly facts: HandlingFacts,
  ) {}

  async execute({ data, context }: DecideInquiryOutcomeCommand) {
    const inquiry = await this.reads.require(data.inquiryId);
    const actor = await this.facts.actorOf(context.principal, inquiry.commission, chinaDay(context.now));
    return this.inquiries.send(
      { type: 'DecideInquiryOutcome', data: { ...data, inquiryId: inquiry.inquiryId, actor } },
      context,
      inquiry.commission,
    );
  }
}

/** The deadline job's command; never on a route. */
@CommandHandler(MarkInquiryReplyOverdueCommand)
export class MarkInquiryReplyOverdueHandler implements ICommandHandler<MarkInquiryReplyOverdueCommand> {
  constructor(
    private readonly inquiries: InquiryAggregate,
    private readonly reads: InquiryReads,
  ) {}

  async execute({ data, context }: MarkInquiryReplyOverdueCommand) {
    const inquiry = await this.reads.require(data.inquiryId);
    return this.inquiries.send({ type: 'MarkInquiryReplyOverdue', data: { inquiryId: inquiry.inquiryId } }, context, inquiry.commission);
  }
}
