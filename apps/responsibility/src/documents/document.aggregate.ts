import { Injectable } from '@nestjs/common';
import { chinaDay, DomainError } from '@app/domain';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { UNIT_ROLES, hasAnyRole } from '../duty-template/responsibility-actor';
import { ResponsibilityActors } from '../responsibility-actors';
import { documentStreamId, type DocumentCommand } from './document.commands';
import { documentDecider, type DocumentState } from './document.decider';
import type { DocumentEvent } from './document.events';

/**
 * Documents under sign-off on the command path. Drafting and revising are the unit's own work (its
 * principal leader, team members or the officers keeping its records, as of today); a sign-off is
 * sent by the signer themself, and what makes it count is checked by the decider against the
 * signature and the registry's facts.
 */
@Injectable()
export class DocumentAggregate {
  private readonly aggregate: Aggregate<DocumentState, DocumentCommand, DocumentEvent> = {
    decider: documentDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.unitCode),
  };

  constructor(
    private readonly path: CommandPath,
    private readonly actors: ResponsibilityActors,
  ) {}

  send(command: CommandWithoutMetadata<DocumentCommand>, context: CommandContext, unitCode: string): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, documentStreamId(command.data.documentId), command, context, unitCode);
  }

  /** 403 unless the caller works for the unit today. */
  async assertWorksFor(context: CommandContext, unitCode: string): Promise<void> {
    const actor = await this.actors.actorOf(context.principal, unitCode, chinaDay(context.now));
    if (!hasAnyRole(actor, UNIT_ROLES)) {
      throw new DomainError('AUTH.FORBIDDEN', `You do not work for unit ${unitCode}: its documents are its own.`, 'forbidden', {
        unit: unitCode,
      });
    }
  }
}
