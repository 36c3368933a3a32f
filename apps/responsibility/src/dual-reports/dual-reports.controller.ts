import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, Roles, type Principal } from '@app/platform';
import { DUAL_REPORT_KINDS, type DualReportKind } from './dual-report-kinds';
import {
  AcknowledgeDualReportCommand,
  OpenDualReportObligationsCommand,
  ResubmitDualReportCommand,
  SubmitDualReportCommand,
} from './dual-report.command-handlers';
import { GetDualReport } from './dual-report.query-handlers';

export class SubmitDualReportDto {
  @ApiProperty({ example: 'JS-QW' }) @IsString() @Length(1, 64) unitCode!: string;
  @ApiProperty({ example: 2025, description: 'The year reported on' }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ enum: DUAL_REPORT_KINDS }) @IsIn(DUAL_REPORT_KINDS) kind!: DualReportKind;
  @ApiProperty({ description: 'The signed report document' }) @IsUUID() documentId!: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) documentVersion!: number;
}

export class ResubmitDualReportDto {
  @ApiProperty({ description: 'The signed replacement document' }) @IsUUID() documentId!: string;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) documentVersion!: number;
  @ApiProperty({ description: 'Why the report is replaced (Chinese)' }) @IsString() @Length(1, 500) reason!: string;
}

export class DualReportParams {
  @ApiProperty({ example: 'JS-QW' }) @IsString() @Length(1, 64) unit!: string;
  @ApiProperty({ example: 2025 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ enum: DUAL_REPORT_KINDS }) @IsIn(DUAL_REPORT_KINDS) kind!: DualReportKind;
}

export class AcknowledgeDualReportDto {
  @ApiProperty({ description: 'The submission read; a replaced one is refused' }) @IsInt() @Min(1) submissionNo!: number;
  @ApiProperty({ description: 'The recipient unit the caller acknowledges for' }) @IsString() @Length(1, 64) recipientUnitCode!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) note?: string;
}

export class OpenDualReportObligationsDto {
  @ApiProperty({ example: 'JS-QW', description: 'A Party committee or group' }) @IsString() @Length(1, 64) unitCode!: string;
  @ApiProperty({ example: 2025, description: 'The year to be reported on (due at the start of the next)' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

class RecipientView {
  @ApiProperty() role!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() name!: string;
}

class SubmissionView {
  @ApiProperty() submissionNo!: number;
  @ApiProperty() documentId!: string;
  @ApiProperty() documentVersion!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: [RecipientView] }) recipients!: RecipientView[];
  @ApiProperty() submittedOn!: string;
  @ApiProperty({ type: [String] }) acknowledgedBy!: string[];
}

export class DualReportView {
  @ApiProperty() unitCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: DUAL_REPORT_KINDS }) kind!: string;
  @ApiProperty({ enum: ['submitted'] }) status!: string;
  @ApiProperty({ type: SubmissionView }) current!: SubmissionView;
  @ApiProperty() version!: number;
}

/** §8 dual reports (双报告): submitted signed, received by the units the registry names, acknowledged by each. */
@ApiTags('dual-reports')
@Controller('dual-reports')
export class DualReportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCommand({
    summary: 'Submit a signed dual report',
    description:
      'The recipients are those the registry names on the day; the submission fulfils the report’s obligation. The caller holds a post in, or acts for, the reporting unit.',
    status: 201,
    problems: {
      404: ['DUAL_REPORT.DOCUMENT_NOT_FOUND', 'DUAL_REPORT.UNIT_NOT_FOUND'],
      409: ['DUAL_REPORT.ALREADY_SUBMITTED', 'DUAL_REPORT.DOCUMENT_NOT_SIGNED', 'DUAL_REPORT.RECIPIENT_MISSING', 'REGISTRY.NOT_CAUGHT_UP'],
      422: ['DUAL_REPORT.WRONG_DOCUMENT', 'DUAL_REPORT.YEAR_NOT_OVER', 'DUAL_REPORT.INVALID_RECIPIENT'],
    },
  })
  submit(@Body() dto: SubmitDualReportDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new SubmitDualReportCommand(dto, context));
  }

  @Post('obligations')
  @Roles('registry_admin')
  @ApiCommand({
    summary: 'Open a committee’s dual report obligations for a year',
    description: 'The committee’s main report and its paired commission’s supervisory report, due under dual_report.due.',
    status: 201,
    problems: {
      404: ['RULE.NOT_FOUND', 'OBLIGATION.UNIT_NOT_FOUND'],
      409: ['REGISTRY.NOT_CAUGHT_UP'],
      422: ['DUAL_REPORT.NOT_A_COMMITTEE'],
    },
  })
  openObligations(@Body() dto: OpenDualReportObligationsDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new OpenDualReportObligationsCommand(dto, context));
  }

  @Post(':unit/:year/:kind/resubmissions')
  @ApiCommand({
    summary: 'Replace a submitted dual report with another signed document, giving the reason',
    description:
      'Recipients (as the registry names them on the day) acknowledge the replacement afresh; acknowledging the replaced one is refused.',
    status: 201,
    problems: {
      404: ['DUAL_REPORT.NOT_SUBMITTED', 'DUAL_REPORT.DOCUMENT_NOT_FOUND'],
      409: ['DUAL_REPORT.SAME_DOCUMENT', 'DUAL_REPORT.DOCUMENT_NOT_SIGNED', 'REGISTRY.NOT_CAUGHT_UP'],
      422: ['DUAL_REPORT.REASON_REQUIRED', 'DUAL_REPORT.WRONG_DOCUMENT'],
    },
  })
  resubmit(@Param() params: DualReportParams, @Body() dto: ResubmitDualReportDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new ResubmitDualReportCommand({ unitCode: params.unit, year: params.year, kind: params.kind, ...dto }, context),
    );
  }

  @Post(':unit/:year/:kind/acknowledgements')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Acknowledge a dual report for a recipient unit',
    description: 'By someone holding a post in the recipient unit on the day, or acting for it; a repeat records nothing.',
    status: 200,
    problems: {
      403: ['DUAL_REPORT.NOT_RECIPIENT_STAFF'],
      404: ['DUAL_REPORT.NOT_SUBMITTED'],
      409: ['DUAL_REPORT.SUBMISSION_SUPERSEDED'],
      422: ['DUAL_REPORT.NOT_A_RECIPIENT'],
    },
  })
  acknowledge(@Param() params: DualReportParams, @Body() dto: AcknowledgeDualReportDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new AcknowledgeDualReportCommand({ unitCode: params.unit, year: params.year, kind: params.kind, ...dto }, context),
    );
  }

  @Get(':unit/:year/:kind')
  @ApiRead({
    summary: 'A dual report as last submitted',
    description: 'With its recipients and acknowledgements; read by the unit’s readers and by recipients.',
    type: DualReportView,
    problems: { 404: ['DUAL_REPORT.NOT_SUBMITTED'] },
  })
  get(@Param() params: DualReportParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetDualReport({ unitCode: params.unit, year: params.year, kind: params.kind }, principal));
  }
}
