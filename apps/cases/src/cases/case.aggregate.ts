import { Injectable } from '@nestjs/common';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { caseStreamId, type CaseCommand } from './case.commands';
import { caseDecider, type CaseState } from './case.decider';
import type { CaseEvent } from './case.events';
import { preliminaryCheckStreamId, type PreliminaryCheckCommand } from './preliminary-check.commands';
import { preliminaryCheckDecider, type PreliminaryCheckState } from './preliminary-check.decider';
import type { PreliminaryCheckEvent } from './preliminary-check.events';

/** A preliminary check's entry to the command path; who may act is the decider's rule. */
@Injectable()
export class PreliminaryCheckAggregate {
  private readonly aggregate: Aggregate<PreliminaryCheckState, PreliminaryCheckCommand, PreliminaryCheckEvent> = {
    decider: preliminaryCheckDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.commission),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<PreliminaryCheckCommand>, context: CommandContext, commission: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, preliminaryCheckStreamId(command.data.checkId), command, context, commission);
  }
}

/** A case's entry to the command path; who may act is the decider's rule. */
@Injectable()
export class CaseAggregate {
  private readonly aggregate: Aggregate<CaseState, CaseCommand, CaseEvent> = {
    decider: caseDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.commission),
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<CaseCommand>, context: CommandContext, commission: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, caseStreamId(command.data.caseId), command, context, commission);
  }
}
