import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ApiCommand, CommandContextOf, IsCalendarDay, type CommandContext } from '@app/kit';
import { RegistryView } from '@app/registry-view';
import {
  ApiProblems,
  ApiRead,
  attachmentDisposition,
  CurrentPrincipal,
  PARAMETER_PROBLEMS,
  ROLE_PROBLEMS,
  Roles,
  type Principal,
} from '@app/platform';
import { yearListWorkbook } from '../exports/responsibility-workbooks';
import {
  AmendResponsibilityListItemCommand,
  GenerateResponsibilityListCommand,
  GetResponsibilityList,
  listLines,
  type ListView,
} from './responsibility-list.handlers';
import { ResponsibilityListResponse } from './responsibility-list.responses';

export class GenerateListDto {
  @ApiProperty({ example: 'JS-QW' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class ListParams {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  unit!: string;

  @ApiProperty()
  @Matches(/^(19|20|21)\d\d$/)
  year!: string;
}

export class ItemParams extends ListParams {
  @ApiProperty({ example: 'committee.3.1' })
  @IsString()
  @Length(1, 64)
  key!: string;
}

export class AmendItemDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ type: [String], description: 'Staff numbers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  responsible?: string[];
  @ApiPropertyOptional({ example: '2026-06-30' }) @IsOptional() @IsCalendarDay() deadline?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) requiredEvidence?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100) weight?: number;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A unit's yearly responsibility list (责任清单), drawn from the seed's duties and edited by the unit. */
@ApiTags('responsibility lists')
@Controller('responsibility-lists')
export class ResponsibilityListsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly view: RegistryView,
  ) {}

  @Post()
  @Roles('unit_officer')
  @ApiCommand({
    summary: 'Generate a unit’s list for a year from the seed’s duties',
    description:
      'Committee §3 (1)–(10), principal leader §4 (1)–(8), team members §5 (1)–(4) for a Party committee or group; §6 (1)–(7) for a commission. The responsible persons are the holders of the posts today, from the registry view.',
    status: 201,
    problems: {
      404: ['UNIT.NOT_FOUND'],
      409: ['LIST.ALREADY_GENERATED', 'REGISTRY.NOT_CAUGHT_UP'],
      422: ['LIST.YEAR_OUT_OF_RANGE', 'LIST.NO_RESPONSIBLE_PERSON'],
    },
  })
  generate(@Body() dto: GenerateListDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new GenerateResponsibilityListCommand(dto, context));
  }

  @Post(':unit/:year/items/:key')
  @HttpCode(200)
  @Roles('unit_officer')
  @ApiCommand({
    summary: 'Amend an item of a list that is not locked for sign-off',
    description: 'Only the fields sent change; an unchanged amendment records nothing.',
    status: 200,
    problems: { 404: ['LIST.NOT_FOUND', 'LIST.ITEM_NOT_FOUND'], 409: ['LIST.LOCKED'], 422: ['LIST.DEADLINE_OUT_OF_YEAR'] },
  })
  amend(@Param() params: ItemParams, @Body() dto: AmendItemDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new AmendResponsibilityListItemCommand({ unitCode: params.unit, year: Number(params.year), key: params.key, changes: dto }, context),
    );
  }

  @Get(':unit/:year')
  @ApiRead({
    summary: 'A unit’s list with names as of today and each item’s warning colour',
    description:
      'Each item with its responsible persons’ names in the registry today and its deadline warning as of today. Read by the unit’s officers, the officers of the commission paired with it, auditors and registry administrators; ETag carries the stream version.',
    type: ResponsibilityListResponse,
    problems: { 404: ['LIST.NOT_FOUND'] },
  })
  get(@Param() params: ListParams, @CurrentPrincipal() principal: Principal): Promise<ListView> {
    return this.queries.execute(new GetResponsibilityList({ unitCode: params.unit, year: Number(params.year) }, principal));
  }

  @Get(':unit/:year/export.xlsx')
  @ApiOperation({
    summary: 'The list as the reviewer prints it (XLSX, in Chinese)',
    description:
      'The list of GET /responsibility-lists/{unit}/{year} as a workbook: one line per item with its responsible persons’ names, deadline, required evidence, weight and warning as of today; the file is named after the unit and the year. Read by those who may read the list.',
  })
  @ApiOkResponse({ description: 'The workbook', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(ROLE_PROBLEMS, PARAMETER_PROBLEMS, { 404: ['LIST.NOT_FOUND'] })
  async export(@Param() params: ListParams, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const list = await this.queries.execute(new GetResponsibilityList({ unitCode: params.unit, year: Number(params.year) }, principal));
    const unit = await this.view.unitOn(list.unitCode, list.asOf);
    const workbook = await yearListWorkbook(
      { unitName: unit?.name ?? list.unitCode, unitCode: list.unitCode, year: list.year, asOf: list.asOf },
      listLines(list),
    );
    return new StreamableFile(workbook, {
      type: XLSX_TYPE,
      disposition: attachmentDisposition(
        `${unit?.name ?? list.unitCode}${list.year}年度责任清单.xlsx`,
        `list-${list.unitCode}-${list.year}.xlsx`,
      ),
    });
  }
}
