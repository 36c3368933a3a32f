import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import { MatterParams } from '../cases/case.dto';
import { DecideInquiryOutcomeCommand, RecordInquiryReplyCommand, SendInquiryLetterCommand } from './inquiry.command-handlers';
import { OutcomeDto, ReplyHashQuery, SendLetterDto, SignedReplyDto } from './inquiry.dto';
import { GetInquiry, GetReplyHash } from './inquiry.query-handlers';
import { InquiryView, ReplyToSignView } from './inquiry.responses';

const ON_INQUIRY = { 404: ['INQUIRY.NOT_FOUND'], 409: ['INQUIRY.CONCLUDED', 'REGISTRY.NOT_CAUGHT_UP'] };
const DECIDING = { 403: ['CASE.NOT_HANDLING', 'CASE.SUBJECT_ACTING'] };

/** Letter inquiries (谈话函询) over HTTP: opened by a clue's disposal, never here. */
@ApiTags('inquiries')
@Controller('inquiries')
export class InquiriesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id')
  @ApiRead({
    summary: 'A letter inquiry',
    description:
      'For auditors, the handling commission’s officers and secretary, the respondent and the endorser. ETag carries the version.',
    type: InquiryView,
    problems: { 403: ['AUTH.FORBIDDEN'], 404: ['INQUIRY.NOT_FOUND'] },
  })
  get(@Param() params: MatterParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetInquiry({ inquiryId: params.id }, principal));
  }

  @Post(':id/letter')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Record that the inquiry letter was sent',
    description:
      'The reply is then due within rule letter_inquiry.reply (15 working days by default). Once; the same day again records nothing.',
    status: 200,
    problems: {
      ...ON_INQUIRY,
      ...DECIDING,
      409: [...ON_INQUIRY[409], 'INQUIRY.LETTER_ALREADY_SENT'],
      422: ['INQUIRY.SENT_IN_FUTURE', 'INQUIRY.SENT_BEFORE_OPENED'],
    },
  })
  letter(@Param() params: MatterParams, @Body() dto: SendLetterDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new SendInquiryLetterCommand({ inquiryId: params.id, sentOn: dto.sentOn }, context));
  }

  @Get(':id/reply-hash')
  @ApiRead({
    summary: 'What the endorser signs for a reply with this content',
    description:
      'The fixed lines of the signoff/v1 statement for the next version: the inquiry, the version, the canonical content hash (SM3 of ' +
      'the RFC 8785 JSON of {title, body}) and the role, with who must sign today. The signer adds signer= and opinion-sm3= and signs.',
    type: ReplyToSignView,
    problems: { 403: ['AUTH.FORBIDDEN'], 404: ['INQUIRY.NOT_FOUND'], 422: ['INQUIRY.CONTENT_NOT_EXACT'] },
  })
  replyHash(@Param() params: MatterParams, @Query() query: ReplyHashQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetReplyHash({ inquiryId: params.id, title: query.title, body: query.body }, principal));
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Record a version of the reply, endorsed (签字背书) by the principal leader of the respondent’s Party committee',
    description:
      'The signature is verified against the signer’s key registered and valid on the signing day (today), and the signer must be the ' +
      'principal leader that day of the Party committee responsible for the respondent’s unit. Nothing is written otherwise. After ' +
      'the due day the reply is recorded as late. Sent by the commission, the respondent or the signer.',
    status: 200,
    problems: {
      ...ON_INQUIRY,
      403: ['INQUIRY.NOT_PARTY', 'SIGNOFF.KEY_NOT_VALID', 'SIGNOFF.SIGNER_NOT_ENTITLED'],
      409: [...ON_INQUIRY[409], 'INQUIRY.LETTER_NOT_SENT', 'INQUIRY.STALE_REPLY_VERSION'],
      422: ['SIGNOFF.BAD_SIGNATURE', 'INQUIRY.CONTENT_NOT_EXACT', 'SIGNOFF.OPINION_NOT_EXACT'],
    },
  })
  reply(@Param() params: MatterParams, @Body() dto: SignedReplyDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new RecordInquiryReplyCommand(
        {
          inquiryId: params.id,
          version: dto.version,
          content: { title: dto.content.title, body: dto.content.body },
          signerStaffNumber: dto.signerStaffNumber,
          opinion: dto.opinion,
          algorithm: dto.algorithm,
          keyFingerprint: dto.keyFingerprint,
          signature: dto.signature,
        },
        context,
      ),
    );
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Decide the inquiry’s outcome',
    description:
      'close (予以了结), reminder (提醒谈话), education (批评教育) or admonishment (诫勉) on a signed reply; escalate (转初步核实) at ' +
      'any time after the letter, which opens a preliminary check of the respondent. Once.',
    status: 200,
    problems: {
      ...ON_INQUIRY,
      ...DECIDING,
      409: [...ON_INQUIRY[409], 'INQUIRY.LETTER_NOT_SENT', 'INQUIRY.NO_REPLY'],
      422: ['INQUIRY.INVALID_OUTCOME', 'INQUIRY.REASON_REQUIRED'],
    },
  })
  outcome(@Param() params: MatterParams, @Body() dto: OutcomeDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new DecideInquiryOutcomeCommand({ inquiryId: params.id, outcome: dto.outcome, reason: dto.reason }, context),
    );
  }
}
