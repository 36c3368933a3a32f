import { Controller, Get, Param, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { ResponsibilityEventTypes, type IntegrationEnvelope, type ResponsibilityReviewConcludedV1 } from '@app/contracts';
import { inboxCommandContext } from '@app/kit';
import { InboxEventPattern, type InboxContext } from '@app/messaging';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import { GetMatter, ListMatters, OpenMattersFromReviewCommand } from './accountability.command-handlers';
import { MatterListQuery } from './accountability.dto';
import { MatterListView, MatterView } from './accountability.responses';

const SERVICE: Principal = { personId: 'service:accountability-matters', roles: [], units: [] };

class MatterParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

/**
 * Matters opened from responsibility tracking's one-case-two-investigations reviews: the inbox
 * (a redelivered review replays the first result) and the reads.
 */
@ApiTags('accountability')
@Controller('accountability-matters')
export class AccountabilityMattersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @InboxEventPattern(ResponsibilityEventTypes.ResponsibilityReviewConcluded)
  async reviewConcluded(
    @Payload() envelope: IntegrationEnvelope<string, ResponsibilityReviewConcludedV1['data']>,
    @Ctx() _inbox: InboxContext,
  ): Promise<void> {
    if (envelope.data.failures.length === 0) return;
    await this.commands.execute(
      new OpenMattersFromReviewCommand(envelope.data, inboxCommandContext(envelope, 'accountability-matters', SERVICE)),
    );
  }

  @Get()
  @ApiRead({
    summary: 'A commission’s accountability matters (one per failure a review found)',
    description: 'For auditors and officers acting for the commission. open=true: not decided yet.',
    type: MatterListView,
  })
  list(@Query() query: MatterListQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(
      new ListMatters({ commission: query.commission, ...(query.open === undefined ? {} : { open: query.open === 'true' }) }, principal),
    );
  }

  @Get(':id')
  @ApiRead({
    summary: 'An accountability matter',
    description: 'The failure a review found, the case, the period and the decision taken on it (if any).',
    type: MatterView,
    problems: { 404: ['ACCOUNTABILITY.MATTER_NOT_FOUND'] },
  })
  get(@Param() params: MatterParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetMatter({ matterId: params.id }, principal));
  }
}
