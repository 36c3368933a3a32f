import { Injectable } from '@nestjs/common';
import { REGISTRY_TOPIC } from '@app/contracts';
import { DomainError, type Command, type CommandMetadata, type Decider, type DomainEvent } from '@app/domain';
import { EventStore, executeCommand, type ExecuteResult } from '@app/eventstore';
import { actsFor, currentCorrelationId, hasRole, type Principal } from '@app/platform';
import { personDecider } from './people/person.decider';
import type { PersonCommand } from './people/person.commands';
import type { PersonEvent } from './people/person.events';
import { RegistryQueries } from './read-models/registry.queries';
import { toRegistryIntegrationEvent } from './registry.integration-events';
import { unitDecider, type UnitState } from './units/unit.decider';
import type { UnitCommand } from './units/unit.commands';
import type { UnitEvent } from './units/unit.events';

/** What the HTTP edge hands over with every command. */
export interface CommandRequest {
  readonly principal: Principal;
  readonly idempotencyKey?: string;
  readonly expectedVersion?: number;
}

export interface CommandResponse {
  readonly streamId: string;
  readonly version: number;
  readonly events: readonly string[];
  readonly replayed: boolean;
  /** Always true: the registry's read models are updated in the command's own transaction. */
  readonly readModelsCurrent: boolean;
}

/**
 * The registry's command path: per-object authorisation, the generic read-fold-decide-append,
 * integration events through the outbox; the read models commit with the events (read-your-writes).
 */
@Injectable()
export class RegistryCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly queries: RegistryQueries,
  ) {}

  /** Units are managed by registry administrators, or by unit officers for their own units and those below. */
  async assertMayManageUnit(principal: Principal, unitCode: string): Promise<void> {
    if (actsFor(principal, unitCode, 'write')) return;
    if (hasRole(principal, 'unit_officer')) {
      const ancestry = await this.queries.ancestry(unitCode);
      if (ancestry.some((code) => principal.units.includes(code))) return;
    }
    throw new DomainError('AUTH.FORBIDDEN', `You do not act for unit ${unitCode} or a unit above it.`, 'forbidden', { unit: unitCode });
  }

  async unit(streamId: string, command: UnitCommand, request: CommandRequest): Promise<CommandResponse> {
    return this.run(unitDecider, streamId, command, request, (state: UnitState) => (state.status === 'absent' ? undefined : state.code));
  }

  async person(streamId: string, command: PersonCommand, request: CommandRequest): Promise<CommandResponse> {
    return this.run(personDecider, streamId, command, request, () => undefined);
  }

  private async run<S, C extends Command, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: C,
    request: CommandRequest,
    unitId: (state: S) => string | undefined,
  ): Promise<CommandResponse> {
    const result: ExecuteResult<S, E> = await executeCommand(this.store, decider, streamId, command, {
      expectedVersion: request.expectedVersion,
      // Keys are the caller's own: another person's identical key never replays someone else's result.
      idempotencyKey: request.idempotencyKey === undefined ? undefined : `${request.principal.personId}:${request.idempotencyKey}`,
      correlationId: currentCorrelationId() ?? 'none',
      unitId,
      toIntegration: (event) => {
        const message = toRegistryIntegrationEvent(event as unknown as UnitEvent | PersonEvent);
        return message ? { topic: REGISTRY_TOPIC, type: message.type, version: message.version, data: message.data } : null;
      },
    });
    return {
      streamId,
      version: result.toVersion,
      events: result.events.map((e) => e.type),
      replayed: result.replayed,
      readModelsCurrent: true,
    };
  }
}

/** A command's clock and actor (from the verified token, acting for `unitCode` when given). */
export function commandMetadata(principal: Principal, unitCode?: string): CommandMetadata {
  return { now: new Date(), actor: { personId: principal.personId, ...(unitCode ? { unitId: unitCode } : {}) } };
}
