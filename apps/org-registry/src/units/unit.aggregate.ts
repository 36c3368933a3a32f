import { Injectable } from '@nestjs/common';
import { chinaDay, DomainError } from '@app/domain';
import { CommandPath, type Aggregate, type CommandContext, type CommandResponse, type CommandWithoutMetadata } from '@app/kit';
import { actsFor, hasRole, type Principal } from '@app/platform';
import { RegistryQueries } from '../read-models/registry.queries';
import { hasAuthorityOver } from './unit-directory';
import { unitStreamId, type UnitCommand } from './unit.commands';
import { unitDecider, type UnitState } from './unit.decider';
import type { UnitEvent } from './unit.events';

/**
 * The Unit aggregate on the command path. Units are managed by registry administrators, or by unit
 * officers for their own units and those below them as the tree stands today.
 */
@Injectable()
export class UnitAggregate {
  private readonly aggregate: Aggregate<UnitState, UnitCommand, UnitEvent> = {
    decider: unitDecider,
    unitOf: (state) => (state.status === 'absent' ? undefined : state.code),
    authorise: async ({ principal, now }, _streamId, command) => {
      if (command.type === 'RegisterUnit') {
        await this.assertMayManage(principal, command.data.parentCode ?? command.data.unitCode, now);
        return;
      }
      if (!(await this.queries.unitExists(command.data.unitCode))) {
        throw new DomainError('UNIT.NOT_FOUND', `No unit with code ${command.data.unitCode}.`, 'not_found', {
          unitCode: command.data.unitCode,
        });
      }
      await this.assertMayManage(principal, command.data.unitCode, now);
    },
  };

  constructor(
    private readonly path: CommandPath,
    private readonly queries: RegistryQueries,
  ) {}

  send(command: CommandWithoutMetadata<UnitCommand>, context: CommandContext): Promise<CommandResponse> {
    const code = command.data.unitCode;
    return this.path.execute(this.aggregate, unitStreamId(code), command, context, code);
  }

  /** 403 unless the caller may manage `code` today. */
  async assertMayManage(principal: Principal, code: string, now: Date): Promise<void> {
    if (actsFor(principal, code, 'write')) return;
    if (hasRole(principal, 'unit_officer')) {
      const units = await this.queries.unitStatesAround([code]);
      if (hasAuthorityOver((c) => units.get(c), principal.units, code, chinaDay(now))) return;
    }
    throw new DomainError('AUTH.FORBIDDEN', `You do not act for unit ${code} or a unit above it.`, 'forbidden', { unit: code });
  }
}
