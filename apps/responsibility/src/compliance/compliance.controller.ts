import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import type { ComplianceView } from './compliance.reads';
import { GetCompliance } from './compliance.query-handlers';

export class ComplianceQuery {
  @ApiPropertyOptional({ example: '410100', description: 'A 6-digit division code: its units and those of the divisions within it' })
  @ValidateIf((query: ComplianceQuery) => query.unit === undefined)
  @Matches(/^[1-9]\d{5}$/, { message: 'jurisdiction must be a 6-digit division code (or give unit instead)' })
  jurisdiction?: string;

  @ApiPropertyOptional({ example: 'ZZ-SW', description: 'A unit: it and every unit under it today (instead of jurisdiction)' })
  @ValidateIf((query: ComplianceQuery) => query.jurisdiction === undefined || query.unit !== undefined)
  @IsString()
  @Length(1, 64)
  @ValidateBy({
    name: 'notWithJurisdiction',
    validator: {
      validate: (_value, args) => (args?.object as ComplianceQuery).jurisdiction === undefined,
      defaultMessage: () => 'give unit or jurisdiction, not both',
    },
  })
  unit?: string;

  @ApiProperty({ example: '2026' })
  @Matches(/^(19|20|21)\d\d$/, { message: 'year must be a four-digit year' })
  year!: string;
}

class ComplianceScopeView {
  @ApiPropertyOptional() jurisdiction?: string;
  @ApiPropertyOptional() unit?: string;
}

class ItemCountsView {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Every task carrying the item out is completed' }) done!: number;
  @ApiProperty({ description: 'Not done, past its deadline' }) overdue!: number;
  @ApiProperty({ description: 'Not done, deadline within dueSoonWithinDays' }) dueSoon!: number;
}

class ItemTotalsView extends ItemCountsView {
  @ApiProperty() units!: number;
  @ApiProperty() unitsWithoutList!: number;
}

class ObligationCountsView {
  @ApiProperty() onTrack!: number;
  @ApiProperty() dueSoon!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() done!: number;
  @ApiProperty() doneLate!: number;
}

class DualReportStatusView {
  @ApiProperty({ enum: ['main', 'supervisory'] }) kind!: string;
  @ApiProperty({ example: '2026-01-20' }) submittedOn!: string;
  @ApiProperty() fullyAcknowledged!: boolean;
}

class UnitComplianceView {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() kind!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['drafting', 'submitted', 'approved'], description: 'null: no list for the year' })
  list!: string | null;
  @ApiProperty({ type: ItemCountsView }) items!: ItemCountsView;
  @ApiProperty({ type: ObligationCountsView, description: 'Obligations due in the year, by today’s colour' })
  obligations!: ObligationCountsView;
  @ApiProperty({ type: [DualReportStatusView], description: 'Dual reports on the year before, submitted during the year' })
  dualReports!: DualReportStatusView[];
}

export class ComplianceResponse {
  @ApiProperty({ type: ComplianceScopeView }) scope!: ComplianceScopeView;
  @ApiProperty() year!: number;
  @ApiProperty({ example: '2026-12-05' }) asOf!: string;
  @ApiProperty({
    description: 'When the counts were computed: now, or for a scope of 500 units or more the last refresh of the snapshot (every minute)',
  })
  computedAt!: string;
  @ApiProperty() dueSoonWithinDays!: number;
  @ApiProperty({ type: ItemTotalsView }) totals!: ItemTotalsView;
  @ApiProperty({ type: [UnitComplianceView] }) units!: UnitComplianceView[];
}

/** Compliance across many units (合规总览): how far each unit of a division or under a committee is with its year. */
@ApiTags('compliance')
@Controller('compliance')
export class ComplianceController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiRead({
    summary: 'Per unit of a division (or under a unit): list items done, overdue and due soon, obligations and dual reports',
    description:
      'Auditors and registry administrators read any scope; a commission officer the division of a commission in the token (or a division within it) and the units its commission supervises; a unit officer a unit in the token and the units under it.',
    type: ComplianceResponse,
    problems: { 404: ['UNIT.NOT_FOUND'], 409: ['REGISTRY.NOT_CAUGHT_UP'] },
  })
  get(@Query() query: ComplianceQuery, @CurrentPrincipal() principal: Principal): Promise<ComplianceView> {
    const scope = query.jurisdiction !== undefined ? { jurisdiction: query.jurisdiction } : { unit: query.unit! };
    return this.queries.execute(new GetCompliance({ scope, year: Number(query.year) }, principal));
  }
}
