import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { inquiryStreamId, type InquiryCommand } from './inquiry.commands';
import { inquiryDecider, type InquiryState } from './inquiry.decider';
import type { InquiryEvent } from './inquiry.events';

/** A letter inquiry's entry to the command path; who may act is the decider's rule. */
@Injectable()
export class InquiryAggregate {
  private readonly aggregate: Aggregate<InquiryState, InquiryCommand, InquiryEvent> = {
    decider: inquiryDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.commission),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<InquiryCommand>, context: CommandContext, commission: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, inquiryStreamId(command.data.inquiryId), command, context, commission);
  }
}
