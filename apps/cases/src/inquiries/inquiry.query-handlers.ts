import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusQuery } from '@app/kit';
import type { Principal } from '@app/platform';
import { SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';
import { HandlingFacts } from '../cases/handling-facts';
import { replyContentHash } from './inquiry.command-handlers';
import { replyContent } from './inquiry.decider';
import { REPLY_SIGN_OFF_ROLE } from './inquiry.events';
import { InquiryReads, type InquiryView } from './inquiry.reads';

export class GetInquiry extends BusQuery<{ readonly inquiryId: string }, InquiryView> {}

/** What the endorser signs for the next version of the reply (the `signoff/v1` statement's fixed lines). */
export interface ReplyToSign {
  readonly documentId: string;
  readonly version: number;
  readonly contentHash: string;
  readonly role: string;
  readonly statementFormat: string;
  /** Who must sign today: the principal leader of the respondent's Party committee; null when none. */
  readonly signerStaffNumber: string | null;
}
export class GetReplyHash extends BusQuery<{ readonly inquiryId: string; readonly title: string; readonly body: string }, ReplyToSign> {}

/**
 * Read rule: auditors, the handling commission's officers and secretary, the respondent and the
 * endorser of the day.
 */
async function readable(reads: InquiryReads, facts: HandlingFacts, inquiryId: string, principal: Principal) {
  const inquiry = await reads.require(inquiryId);
  const today = chinaDay(new Date());
  const endorser = await facts.endorserOf(inquiry.respondent, today);
  await facts.assertMayRead(
    principal,
    {
      commission: inquiry.commission,
      subjects: [inquiry.respondent.staffNumber],
      also: [inquiry.respondent.staffNumber, ...(endorser ? [endorser.staffNumber] : [])],
    },
    today,
  );
  return { inquiry, endorser };
}

@QueryHandler(GetInquiry)
export class GetInquiryHandler implements IQueryHandler<GetInquiry> {
  constructor(
    private readonly reads: InquiryReads,
    private readonly facts: HandlingFacts,
  ) {}

  async execute({ params, principal }: GetInquiry): Promise<InquiryView> {
    return (await readable(this.reads, this.facts, params.inquiryId, principal)).inquiry;
  }
}

@QueryHandler(GetReplyHash)
export class GetReplyHashHandler implements IQueryHandler<GetReplyHash> {
  constructor(
    private readonly reads: InquiryReads,
    private readonly facts: HandlingFacts,
  ) {}

  async execute({ params, principal }: GetReplyHash): Promise<ReplyToSign> {
    const { inquiry, endorser } = await readable(this.reads, this.facts, params.inquiryId, principal);
    const content = replyContent({ title: params.title, body: params.body });
    return {
      documentId: inquiry.inquiryId,
      version: inquiry.replies.length + 1,
      contentHash: replyContentHash(content),
      role: REPLY_SIGN_OFF_ROLE,
      statementFormat: SIGN_OFF_STATEMENT_FORMAT,
      signerStaffNumber: endorser?.staffNumber ?? null,
    };
  }
}
