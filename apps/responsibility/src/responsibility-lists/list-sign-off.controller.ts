import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, CommandResponseDto, type CommandContext } from '@app/kit';
import { Roles } from '@app/platform';
import { ListParams } from './responsibility-lists.controller';
import { SubmitListForSignOffCommand } from './list-sign-off.handlers';

class ListSubmissionView extends CommandResponseDto {
  @ApiProperty({ description: 'The responsibility-division document carrying the revision; sign it off under /documents' })
  documentId!: string;
  @ApiProperty({ description: 'SM3 of the document content, as signers sign it' }) contentHash!: string;
}

/** Handing a list revision in for sign-off (签字背书): it becomes a responsibility-division document; its full signature approves the list. */
@ApiTags('responsibility lists')
@Controller('responsibility-lists')
export class ListSignOffController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':unit/:year/submission')
  @HttpCode(201)
  @Roles('unit_officer')
  @ApiCommand({
    summary: 'Hand the list’s current revision in for sign-off',
    description:
      'Locks the revision and drafts the responsibility-division document carrying it (its id in the answer). When the principal leader and the paired commission’s secretary have signed that document, the list is approved; to change it afterwards, reopen it as a new revision. A retry lands on the same document.',
    status: 201,
    type: ListSubmissionView,
    problems: { 404: ['LIST.NOT_FOUND'], 409: ['LIST.LOCKED', 'LIST.EMPTY', 'REGISTRY.NOT_CAUGHT_UP'], 403: ['LIST.NOT_PERMITTED'] },
  })
  submit(@Param() params: ListParams, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new SubmitListForSignOffCommand({ unitCode: params.unit, year: Number(params.year) }, context));
  }
}
