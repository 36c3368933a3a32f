import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import {
  CompileBulletinCommand,
  GetBulletin,
  GetBulletinSignatureHash,
  PublishBulletinCommand,
  ReviewBulletinCommand,
  SignBulletinCommand,
} from './bulletin.command-handlers';
import { SignOffDto, ToSignView } from '../returns/sign-off.dto';

class BulletinParams {
  @ApiProperty({ example: 'JS-JW' })
  @IsString()
  @Length(1, 64)
  commission!: string;

  @ApiProperty({ example: '2026-B1', description: 'Two-month period: YYYY-B1 (January–February) … YYYY-B6' })
  @Matches(/^\d{4}-B[1-6]$/)
  period!: string;
}

class ReviewDto {
  @ApiProperty({ example: '同意通报' })
  @IsString()
  @Length(1, 2000)
  opinion!: string;
}

class TypicalCaseView {
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty() decidedOn!: string;
  @ApiProperty() unitCode!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) staffNumber!: string | null;
  @ApiProperty({ type: [String] }) measures!: string[];
  @ApiProperty({ type: [String] }) sanctions!: string[];
}

class BulletinStateView {
  @ApiProperty({ enum: ['absent', 'compiled', 'reviewed', 'signed', 'published'] }) status!: string;
  @ApiPropertyOptional({ type: [TypicalCaseView], description: 'The cases as compiled' }) cases?: TypicalCaseView[];
  @ApiPropertyOptional() compiledBy?: string;
  @ApiPropertyOptional() compiledOn?: string;
  @ApiPropertyOptional() reviewedBy?: string;
  @ApiPropertyOptional() reviewedOn?: string;
  @ApiPropertyOptional() opinion?: string;
  @ApiPropertyOptional() signedBy?: string;
  @ApiPropertyOptional() signedOn?: string;
  @ApiPropertyOptional() publishedOn?: string;
}

class BulletinResponse {
  @ApiProperty() commission!: string;
  @ApiProperty() period!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: ['absent', 'compiled', 'reviewed', 'signed', 'published'] }) status!: string;
  @ApiProperty({ type: [TypicalCaseView], description: 'Decisions marked typical in the period, as recorded now' })
  currentCases!: TypicalCaseView[];
  @ApiProperty({ type: BulletinStateView }) bulletin!: BulletinStateView;
  @ApiProperty() version!: number;
}

class BulletinToSignView extends ToSignView {
  @ApiProperty({ type: [TypicalCaseView], description: 'The cases as compiled: with commission and period, the content hashed' })
  cases!: TypicalCaseView[];
}

const PERIOD_PROBLEMS = { 422: ['BULLETIN.INVALID_PERIOD'] };

/** Bi-monthly typical-case bulletins (典型案件双月通报, seed §15): compiled, reviewed, signed, published. */
@ApiTags('returns')
@Controller('bulletins')
export class BulletinsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':commission/:period')
  @ApiRead({
    summary: 'A commission’s typical-case bulletin for a two-month period',
    description: 'Its stage and the cases as compiled, and the decisions marked typical in the period as recorded now.',
    type: BulletinResponse,
    problems: PERIOD_PROBLEMS,
  })
  get(@Param() params: BulletinParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetBulletin(params, principal));
  }

  @Post(':commission/:period/compilation')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Compile the bulletin from the decisions marked typical in the period',
    description:
      'By an officer acting for the commission, once the period is over; compiling again with other cases starts the review over.',
    status: 200,
    problems: {
      403: ['BULLETIN.NOT_COMMISSION_OFFICER'],
      409: ['BULLETIN.PERIOD_NOT_OVER', 'BULLETIN.ALREADY_PUBLISHED'],
      ...PERIOD_PROBLEMS,
    },
  })
  compile(@Param() params: BulletinParams, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new CompileBulletinCommand(params, context));
  }

  @Post(':commission/:period/review')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Review the compiled bulletin, with an opinion',
    description: 'By an officer acting for the commission other than the compiler.',
    status: 200,
    problems: {
      403: ['BULLETIN.NOT_COMMISSION_OFFICER', 'BULLETIN.SELF_REVIEW'],
      409: ['BULLETIN.NOT_COMPILED', 'BULLETIN.ALREADY_PUBLISHED'],
      422: ['BULLETIN.OPINION_REQUIRED', ...PERIOD_PROBLEMS[422]],
    },
  })
  review(@Param() params: BulletinParams, @Body() dto: ReviewDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ReviewBulletinCommand({ ...params, opinion: dto.opinion }, context));
  }

  @Get(':commission/:period/signature-hash')
  @ApiRead({
    summary: 'What the secretary signs to sign the bulletin as compiled',
    description:
      'The fixed lines of the signoff/v1 statement: the bulletin (its stream id), the compilation number, the canonical content ' +
      'hash of the compiled bulletin (SM3 of the RFC 8785 JSON of {commission, period, cases}), the role ' +
      'typical_case_bulletin_signoff, with who must sign today (the commission’s secretary). The signer adds signer= and ' +
      'opinion-sm3= and signs. For the secretary, auditors and officers acting for the commission.',
    type: BulletinToSignView,
    problems: { 409: ['BULLETIN.NOT_COMPILED', 'REGISTRY.NOT_CAUGHT_UP'], ...PERIOD_PROBLEMS },
  })
  signatureHash(@Param() params: BulletinParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetBulletinSignatureHash(params, principal));
  }

  @Post(':commission/:period/signature')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Sign the reviewed bulletin, by the commission’s secretary with their own signature',
    description:
      'By the secretary that day (the caller and the signer). The signature over the signoff/v1 statement (GET …/signature-hash) is ' +
      'verified against the signer’s key registered and valid today; the signed content hash must be that of the bulletin as ' +
      'compiled. Nothing is written otherwise; signing again records nothing.',
    status: 200,
    problems: {
      403: ['BULLETIN.NOT_SECRETARY', 'SIGNOFF.SIGNER_NOT_ENTITLED', 'SIGNOFF.KEY_NOT_VALID'],
      409: [
        'BULLETIN.NOT_REVIEWED',
        'BULLETIN.ALREADY_PUBLISHED',
        'BULLETIN.CONTENT_CHANGED',
        'BULLETIN.STALE_SIGN_OFF_VERSION',
        'REGISTRY.NOT_CAUGHT_UP',
      ],
      422: [...PERIOD_PROBLEMS[422], 'SIGNOFF.BAD_SIGNATURE', 'SIGNOFF.OPINION_NOT_EXACT'],
    },
  })
  sign(@Param() params: BulletinParams, @Body() dto: SignOffDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new SignBulletinCommand(
        {
          commission: params.commission,
          period: params.period,
          version: dto.version,
          contentHash: dto.contentHash,
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

  @Post(':commission/:period/publication')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Publish the signed bulletin (通报曝光)',
    description: 'Once; publishing again records nothing.',
    status: 200,
    problems: { 403: ['BULLETIN.NOT_COMMISSION_OFFICER'], 409: ['BULLETIN.NOT_SIGNED'], ...PERIOD_PROBLEMS },
  })
  publish(@Param() params: BulletinParams, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new PublishBulletinCommand(params, context));
  }
}
