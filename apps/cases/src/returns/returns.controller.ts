import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import {
  ApiProblems,
  ApiRead,
  attachmentDisposition,
  CurrentPrincipal,
  PARAMETER_PROBLEMS,
  ROLE_PROBLEMS,
  type Principal,
} from '@app/platform';
import { GetReturn, GetReturnSignOffHash, SignOffReturnCommand, SubmitReturnCommand, type ReturnView } from './return.command-handlers';
import { SignOffDto, ToSignView } from './sign-off.dto';
import { returnWorkbook } from './return-workbook';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

class ReturnParams {
  @ApiProperty({ example: 'JS-JW' })
  @IsString()
  @Length(1, 64)
  commission!: string;

  @ApiProperty({ example: '2026-Q1', description: 'The quarter, YYYY-Qn' })
  @Matches(/^\d{4}-Q[1-4]$/)
  quarter!: string;
}

class CaseCountsView {
  @ApiProperty() opened!: number;
  @ApiProperty() concluded!: number;
}

class DecisionCountsView {
  @ApiProperty() total!: number;
  @ApiProperty() organisations!: number;
  @ApiProperty() cadres!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Per measure: organisation.inspection, cadre.admonishment, …',
  })
  byMeasure!: Record<string, number>;
}

class SanctionCountsView {
  @ApiProperty() total!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'party.serious_warning, administrative.demerit, …',
  })
  byType!: Record<string, number>;
}

class FormCountsView {
  @ApiProperty() first!: number;
  @ApiProperty() second!: number;
  @ApiProperty() third!: number;
  @ApiProperty() fourth!: number;
}

class MatterCountsView {
  @ApiProperty() opened!: number;
  @ApiProperty() decided!: number;
}

class ReturnFiguresView {
  @ApiProperty({ type: CaseCountsView }) cases!: CaseCountsView;
  @ApiProperty({ type: DecisionCountsView }) decisions!: DecisionCountsView;
  @ApiProperty({ type: SanctionCountsView, description: 'Sanctions taking effect in the quarter' }) sanctions!: SanctionCountsView;
  @ApiProperty({ type: FormCountsView, description: 'Cadres by the four forms (四种形态)' }) forms!: FormCountsView;
  @ApiProperty({ type: MatterCountsView, description: 'One case, two investigations' }) matters!: MatterCountsView;
  @ApiProperty() typicalCases!: number;
}

class ReturnResponse {
  @ApiProperty() commission!: string;
  @ApiProperty() commissionName!: string;
  @ApiProperty({ example: '2026-Q1' }) quarter!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'Submission due (rule accountability_return.submission)' }) dueOn!: string;
  @ApiProperty({ type: ReturnFiguresView }) figures!: ReturnFiguresView;
  @ApiProperty({ enum: ['pending', 'signed_off', 'submitted'] }) status!: string;
  @ApiPropertyOptional() signedBy?: string;
  @ApiPropertyOptional() signedOn?: string;
  @ApiPropertyOptional({ description: 'Whether the figures are still those signed off' }) signedFiguresCurrent?: boolean;
  @ApiPropertyOptional({ description: 'The higher commission' }) submittedTo?: string;
  @ApiPropertyOptional() submittedOn?: string;
  @ApiPropertyOptional() late?: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty() asOf!: string;
}

class ReturnToSignView extends ToSignView {
  @ApiProperty({ type: ReturnFiguresView, description: 'The figures as compiled now: the content hashed, and what will be recorded' })
  figures!: ReturnFiguresView;
}

const RETURN_PROBLEMS = { 409: ['REGISTRY.NOT_CAUGHT_UP'], 422: ['RETURN.INVALID_QUARTER', 'RETURN.NOT_A_COMMISSION'] };

const statusText = (view: ReturnView): string =>
  view.status === 'submitted'
    ? `签发人：${view.signedBy ?? ''}（${view.signedOn ?? ''}）    已报送：${view.submittedTo ?? ''}（${view.submittedOn ?? ''}${view.late ? '，逾期' : ''}）`
    : view.status === 'signed_off'
      ? `签发人：${view.signedBy ?? ''}（${view.signedOn ?? ''}）    未报送`
      : '未签发';

/** Quarterly accountability returns (责任追究季报表, seed §15). */
@ApiTags('returns')
@Controller('returns')
export class ReturnsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':commission/:quarter')
  @ApiRead({
    summary: 'A commission’s quarterly accountability return, compiled from the events',
    description:
      'Cases opened and concluded, decisions by target and measure, sanctions by type, the four forms, one-case-two-investigations ' +
      'matters and typical cases, with the sign-off and submission as recorded. For auditors and officers acting for the commission.',
    type: ReturnResponse,
    problems: RETURN_PROBLEMS,
  })
  async get(@Param() params: ReturnParams, @CurrentPrincipal() principal: Principal) {
    const {
      decisions: _decisions,
      period: _period,
      ...view
    } = await this.queries.execute<GetReturn, ReturnView>(new GetReturn(params, principal));
    return view;
  }

  @Get(':commission/:quarter/export.xlsx')
  @ApiOperation({
    summary: 'The quarterly return as printed (XLSX, in Chinese)',
    description:
      'Sheet 季度报表: the usual table (类别, 项目, 数量, 单位, 备注) with sign-off and submission; sheet 问责明细: one line per decision.',
  })
  @ApiOkResponse({ description: 'The workbook', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(ROLE_PROBLEMS, PARAMETER_PROBLEMS, RETURN_PROBLEMS)
  async export(@Param() params: ReturnParams, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const view = await this.queries.execute<GetReturn, ReturnView>(new GetReturn(params, principal));
    const workbook = await returnWorkbook(
      {
        commissionName: view.commissionName,
        commissionCode: view.commission,
        quarter: view.period,
        asOf: view.asOf,
        status: statusText(view),
      },
      view.figures,
      view.decisions,
    );
    return new StreamableFile(workbook, {
      type: XLSX_TYPE,
      disposition: attachmentDisposition(
        `${view.commissionName}${view.period.year}年第${view.period.number}季度责任追究情况统计表.xlsx`,
        `return-${view.commission}-${view.quarter}.xlsx`,
      ),
    });
  }

  @Get(':commission/:quarter/sign-off-hash')
  @ApiRead({
    summary: 'What the secretary signs to sign the return off now',
    description:
      'The fixed lines of the signoff/v1 statement: the return (its stream id), the sign-off number, the canonical content hash of ' +
      'the figures as compiled now (SM3 of their RFC 8785 JSON: the figures that will be recorded), the role ' +
      'accountability_return_signoff, with who must sign today (the commission’s secretary). The signer adds signer= and ' +
      'opinion-sm3= and signs. For the secretary, auditors and officers acting for the commission.',
    type: ReturnToSignView,
    problems: RETURN_PROBLEMS,
  })
  signOffHash(@Param() params: ReturnParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetReturnSignOffHash(params, principal));
  }

  @Post(':commission/:quarter/sign-off')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Sign the quarter’s figures off (签发), by the commission’s secretary with their own signature',
    description:
      'Once the quarter is over, by the secretary that day (the caller and the signer). The signature over the signoff/v1 statement ' +
      '(GET …/sign-off-hash) is verified against the signer’s key registered and valid today; the signed content hash must be that ' +
      'of the figures as compiled now, which are recorded. Nothing is written otherwise. Again with the same figures records ' +
      'nothing; changed figures are the next sign-off; not after submission.',
    status: 200,
    problems: {
      403: ['RETURN.NOT_SECRETARY', 'SIGNOFF.SIGNER_NOT_ENTITLED', 'SIGNOFF.KEY_NOT_VALID'],
      409: [
        'RETURN.QUARTER_NOT_OVER',
        'RETURN.ALREADY_SUBMITTED',
        'RETURN.FIGURES_CHANGED',
        'RETURN.STALE_SIGN_OFF_VERSION',
        'REGISTRY.NOT_CAUGHT_UP',
      ],
      422: [...RETURN_PROBLEMS[422], 'SIGNOFF.BAD_SIGNATURE', 'SIGNOFF.OPINION_NOT_EXACT'],
    },
  })
  signOff(@Param() params: ReturnParams, @Body() dto: SignOffDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new SignOffReturnCommand(
        {
          commission: params.commission,
          quarter: params.quarter,
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

  @Post(':commission/:quarter/submission')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Submit the signed-off return to the higher commission',
    description: 'To the commission above this one today (registry); late after the due day (rule accountability_return.submission). Once.',
    status: 200,
    problems: {
      403: ['RETURN.NOT_COMMISSION_OFFICER'],
      409: ['RETURN.NOT_SIGNED_OFF', 'RETURN.NO_HIGHER_COMMISSION', 'REGISTRY.NOT_CAUGHT_UP'],
      422: RETURN_PROBLEMS[422],
    },
  })
  submit(@Param() params: ReturnParams, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new SubmitReturnCommand(params, context));
  }
}
