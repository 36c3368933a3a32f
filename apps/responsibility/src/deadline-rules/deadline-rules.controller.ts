import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DEADLINE_UNITS, JURISDICTION_LEVELS, type DeadlineUnit, type JurisdictionLevel } from '@app/deadlines';
import { ApiCommand, CommandContextOf, IsCalendarDay, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, Roles, type Principal } from '@app/platform';
import { ListDeadlineRules, RetireDeadlineRuleCommand, SetDeadlineRuleCommand } from './deadline-rules.handlers';

const DIVISION_CODE = /^[1-9]\d{5}$/;
const RULE_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export class RuleParams {
  @ApiProperty({ enum: JURISDICTION_LEVELS }) @IsIn(JURISDICTION_LEVELS) level!: JurisdictionLevel;
  @ApiProperty({ example: '410105', description: 'GB/T 2260 division code of that level (the nation: 100000)' })
  @Matches(DIVISION_CODE)
  code!: string;
  @ApiProperty({ example: 'meeting_filing.due' }) @Matches(RULE_NAME) name!: string;
}

export class SetDeadlineRuleDto {
  @ApiProperty({ example: 5, description: 'How many units; for fixed_day_of_year the day as MDD (131 = 31 January)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3660)
  parameter!: number;
  @ApiProperty({ enum: DEADLINE_UNITS }) @IsIn(DEADLINE_UNITS) unit!: DeadlineUnit;
  @ApiProperty({ example: '区委《关于进一步规范民主生活会报送工作的通知》：会后5日内报送。', description: 'The text the rule rests on' })
  @IsString()
  @Length(1, 2000)
  legalBasis!: string;
  @ApiProperty({ example: '2026-12-10', description: 'First day in force (CST), today or later: the past is not rewritten' })
  @IsCalendarDay()
  effectiveFrom!: string;
}

export class RetireDeadlineRuleDto {
  @ApiProperty({ example: '2027-01-01' }) @IsCalendarDay() retiredFrom!: string;
  @ApiProperty({ example: '并入市级规则统一执行' }) @IsString() @Length(1, 500) reason!: string;
}

export class DeadlineRulesQuery {
  @ApiProperty({ example: '410105', description: 'The division whose chain (nation → province → city → district) is read' })
  @Matches(DIVISION_CODE)
  division!: string;
  @ApiPropertyOptional({ example: '2025-03-01', description: 'Day (CST); today when left out' }) @IsOptional() @IsCalendarDay() on?: string;
}

class JurisdictionView {
  @ApiProperty({ enum: JURISDICTION_LEVELS }) level!: string;
  @ApiProperty() code!: string;
}

class DeadlineRuleView {
  @ApiProperty() name!: string;
  @ApiProperty() parameter!: number;
  @ApiProperty({ enum: DEADLINE_UNITS }) unit!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ type: JurisdictionView }) jurisdiction!: JurisdictionView;
  @ApiProperty() effectiveFrom!: string;
  @ApiPropertyOptional({ description: 'Last day in force, when it ends' }) effectiveTo?: string;
  @ApiProperty({ enum: ['seed', 'recorded'], description: 'The seed’s rule set, or a change recorded as an event' }) source!: string;
}

class DeadlineRulesResponse {
  @ApiProperty() divisionCode!: string;
  @ApiProperty() on!: string;
  @ApiProperty({ type: [JurisdictionView] }) chain!: JurisdictionView[];
  @ApiProperty({ type: [DeadlineRuleView], description: 'Per rule, the version that applies' }) applicable!: DeadlineRuleView[];
  @ApiProperty({ type: [DeadlineRuleView], description: 'Every version in force at every level' }) inForce!: DeadlineRuleView[];
}

const CHANGE_PROBLEMS = {
  409: ['RULE.LAXER_THAN_HIGHER', 'RULE.AMENDMENT_NOT_AFTER_CURRENT', 'RULE.RETIRED', 'RULE.RETIREMENT_NOT_AFTER_CURRENT'],
  422: [
    'RULE.RETROACTIVE',
    'RULE.INVALID_JURISDICTION',
    'RULE.INVALID_PARAMETER',
    'RULE.INVALID_UNIT',
    'RULE.MISSING_LEGAL_BASIS',
    'RULE.MISSING_REASON',
  ],
};

/** Deadlines as rules (data, not code): the seed's rule sets overlaid with changes recorded as events, per jurisdiction. */
@ApiTags('deadline-rules')
@Controller('deadline-rules')
export class DeadlineRulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiRead({
    summary: 'The deadline rules in force for a division on a day',
    description:
      'Along the division’s chain, national first: every version in force and, per rule, the one that applies (the most local, unless a higher level has made its own stricter). `source` tells the seed from recorded changes.',
    type: DeadlineRulesResponse,
  })
  list(@Query() query: DeadlineRulesQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListDeadlineRules({ divisionCode: query.division, ...(query.on ? { on: query.on } : {}) }, principal));
  }

  @Put(':level/:code/:name')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: 'Set a deadline rule of a jurisdiction from a day on',
    description:
      'Recorded as an event in the jurisdiction’s rule set: defined there the first time (superseding the seed’s version from that day), amended after. Never before today, never laxer than a version of an enclosing level; due days already computed stay as they were.',
    status: 200,
    problems: CHANGE_PROBLEMS,
  })
  set(@Param() params: RuleParams, @Body() dto: SetDeadlineRuleDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new SetDeadlineRuleCommand({ ...params, ...dto }, context));
  }

  @Post(':level/:code/:name/retirement')
  @HttpCode(200)
  @Roles('registry_admin')
  @ApiCommand({
    summary: 'Retire a recorded rule from a day on',
    description: 'From that day the enclosing levels’ rule applies again. Needs a reason.',
    status: 200,
    problems: { 404: ['RULE.NOT_DEFINED'], ...CHANGE_PROBLEMS },
  })
  retire(@Param() params: RuleParams, @Body() dto: RetireDeadlineRuleDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RetireDeadlineRuleCommand({ ...params, ...dto }, context));
  }
}
