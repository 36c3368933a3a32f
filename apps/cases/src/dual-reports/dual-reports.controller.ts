import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import { AcknowledgeDualReportCommand } from './dual-report.command-handlers';
import { AcknowledgeDualReportDto, DualReportListQuery, DualReportParams } from './dual-report.dto';
import { GetDualReport, ListDualReports } from './dual-report.query-handlers';
import { DualReportListView, DualReportView } from './dual-report.responses';

/** Dual reports (§6(3)) over HTTP: opened by the service itself, acknowledged by their recipients. */
@ApiTags('dual-reports')
@Controller('dual-reports')
export class DualReportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':id/acknowledgements')
  @HttpCode(200)
  @ApiCommand({
    summary: 'A recipient acknowledges a dual report (签收)',
    description:
      'By a person acting for the recipient unit (the same-level Party committee or the higher commission). After the due day it is ' +
      'recorded as late; acknowledging again records nothing.',
    status: 200,
    problems: {
      403: ['DUAL_REPORT.NOT_FOR_RECIPIENT'],
      404: ['DUAL_REPORT.NOT_FOUND'],
      422: ['DUAL_REPORT.NOT_A_RECIPIENT'],
    },
  })
  acknowledge(@Param() params: DualReportParams, @Body() dto: AcknowledgeDualReportDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new AcknowledgeDualReportCommand({ reportId: params.id, recipient: dto.recipient }, context));
  }

  @Get()
  @ApiRead({
    summary: 'A commission’s dual reports, newest first',
    description: 'For auditors and the reporting commission’s officers and leadership.',
    type: DualReportListView,
  })
  list(@Query() query: DualReportListQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(
      new ListDualReports({ commission: query.commission, matterId: query.matterId, limit: query.limit ?? 100 }, principal),
    );
  }

  @Get(':id')
  @ApiRead({
    summary: 'A dual report with each recipient’s acknowledgement',
    description: 'For auditors, the reporting commission’s officers and leadership, and people acting for a recipient.',
    type: DualReportView,
    problems: { 404: ['DUAL_REPORT.NOT_FOUND'] },
  })
  get(@Param() params: DualReportParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetDualReport({ reportId: params.id }, principal));
  }
}
