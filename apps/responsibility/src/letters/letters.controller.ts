import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ApiCommand, CommandContextOf, IsCalendarDay, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, Roles, type Principal } from '@app/platform';
import { MAX_LETTER_ITEMS } from './letter-content';
import { FulfilLetterItemCommand, GetLetterItems } from './letter-items.handlers';

export class LetterParams {
  @ApiProperty() @IsUUID() documentId!: string;
}

export class LetterItemParams extends LetterParams {
  @ApiProperty({ minimum: 1, maximum: MAX_LETTER_ITEMS }) @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LETTER_ITEMS) itemNo!: number;
}

export class FulfilLetterItemDto {
  @ApiProperty({ example: '2025-06-30', description: 'The day the item was carried out (CST), not after today' })
  @IsCalendarDay()
  fulfilledOn!: string;
  @ApiProperty({
    example: '已完成全系统廉政风险点排查，形成排查清单',
    description: 'What shows it done (an account, a ledger or file reference)',
  })
  @IsString()
  @Length(1, 200)
  evidence!: string;
}

class LetterItemTrackingView {
  @ApiProperty() obligationId!: string;
  @ApiProperty() dueOn!: string;
  @ApiProperty({ enum: ['pending', 'fulfilled'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) fulfilledOn!: string | null;
  @ApiProperty({ enum: ['on_track', 'due_soon', 'overdue', 'done_late', 'done'] }) colour!: string;
}

class LetterItemEntryView {
  @ApiProperty() itemNo!: number;
  @ApiProperty() text!: string;
  @ApiProperty() deadline!: string;
  @ApiPropertyOptional({ type: LetterItemTrackingView, nullable: true, description: 'Null until the letter took effect' })
  tracking!: LetterItemTrackingView | null;
}

class LetterItemsResponse {
  @ApiProperty() documentId!: string;
  @ApiProperty() issuerUnitCode!: string;
  @ApiProperty() recipientUnitCode!: string;
  @ApiProperty({ enum: ['open', 'fully_signed'] }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [LetterItemEntryView] }) items!: LetterItemEntryView[];
}

/** Responsibility letters in effect (责任书): each item is the recipient unit's obligation, due on the item's deadline. */
@ApiTags('letters')
@Controller('letters')
export class LettersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':documentId/items')
  @ApiRead({
    summary: 'A responsibility letter’s items and how each is tracked',
    description:
      'Once both parties have signed, every item becomes an obligation of the recipient unit due on the item’s deadline (colour as of today). Read by both parties.',
    type: LetterItemsResponse,
    problems: { 404: ['DOCUMENT.NOT_FOUND', 'LETTER.NOT_A_LETTER'] },
  })
  items(@Param() params: LetterParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetLetterItems({ documentId: params.documentId }, principal));
  }

  @Post(':documentId/items/:itemNo/fulfilment')
  @HttpCode(200)
  @Roles('unit_officer', 'registry_admin')
  @ApiCommand({
    summary: 'Report an item of a letter in effect carried out',
    description: 'By the recipient unit, which owes the item; late when after its deadline. A repeated report records nothing.',
    status: 200,
    problems: {
      404: ['LETTER.ITEM_NOT_TRACKED'],
      422: ['OBLIGATION.FULFILLED_IN_FUTURE', 'OBLIGATION.EVIDENCE_REQUIRED'],
    },
  })
  fulfil(@Param() params: LetterItemParams, @Body() dto: FulfilLetterItemDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new FulfilLetterItemCommand({ ...params, ...dto }, context));
  }
}
