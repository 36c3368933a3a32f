import { Inject, Injectable } from '@nestjs/common';
import type { Command, Decider, DomainEvent } from '@app/domain';
import { EventStore, executeCommand } from '@app/eventstore';
import { metadataOf, type CommandContext } from './command-context';

/** A decider command as an edge builds it: the path adds the clock and the actor. */
export type CommandWithoutMetadata<C extends Command> = C extends unknown ? Omit<C, 'metadata'> : never;

/** One aggregate of a service: its decider and the rules the command path applies around it. */
export interface Aggregate<State, C extends Command, E extends DomainEvent> {
  readonly decider: Decider<State, C, E>;
  /** The unit the stream belongs to, recorded in event metadata for per-object audit reads. */
  readonly unitOf?: (state: State) => string | undefined;
  /**
   * Object-level authorisation, before anything is read or decided: throws `AUTH.FORBIDDEN` (403)
   * when the caller may not send `command` to `streamId`.
   */
  readonly authorise?: (context: CommandContext, streamId: string, command: CommandWithoutMetadata<C>) => Promise<void> | void;
}

export interface CommandPathOptions {
  /** Topic the service's integration events go to (through the outbox). */
  readonly topic: string;
  /**
   * The public message a domain event of the service announces on its topic, or null if it stays
   * private; `occurredAt` is its business time (the command's time when left out).
   */
  toIntegration(
    event: DomainEvent,
  ): { readonly type: string; readonly version: number; readonly data: unknown; readonly occurredAt?: string } | null;
}
export const COMMAND_PATH_OPTIONS = Symbol('COMMAND_PATH_OPTIONS');

/** What every command answers, whatever the edge. */
export interface CommandResponse {
  readonly streamId: string;
  readonly version: number;
  readonly events: readonly string[];
  readonly replayed: boolean;
  /** Always true: the service's own read models commit with the events (inline projections), so a read after it sees it. */
  readonly readModelsCurrent: boolean;
}

/**
 * The one command path of a service, behind every command handler: object-level authorisation,
 * idempotency scoped to the caller, read–fold–decide–append (with the expected version from
 * `If-Match`, queued per stream and retried on a lost race), integration events through the
 * outbox, and the service's read models updated in the same transaction (read-your-writes).
 */
@Injectable()
export class CommandPath {
  constructor(
    private readonly store: EventStore,
    @Inject(COMMAND_PATH_OPTIONS) private readonly options: CommandPathOptions,
  ) {}

  async execute<S, C extends Command, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    streamId: string,
    command: CommandWithoutMetadata<C>,
    context: CommandContext,
    actingFor?: string,
  ): Promise<CommandResponse> {
    await aggregate.authorise?.(context, streamId, command);
    const result = await executeCommand(
      this.store,
      aggregate.decider,
      streamId,
      { ...command, metadata: metadataOf(context, actingFor) } as C,
      {
        expectedVersion: context.expectedVersion,
        // Keys are the caller's own: another person's identical key never replays someone else's result.
        idempotencyKey:
          context.idempotencyKey === undefined
            ? undefined
            : `${context.idempotencyScope ?? context.principal.personId}:${context.idempotencyKey}`,
        correlationId: context.correlationId,
        causationId: context.causationId,
        unitId: aggregate.unitOf,
        toIntegration: (event) => {
          const message = this.options.toIntegration(event);
          return message ? { ...message, topic: this.options.topic } : null;
        },
      },
    );
    return {
      streamId,
      version: result.toVersion,
      events: result.events.map((e) => e.type),
      replayed: result.replayed,
      readModelsCurrent: true,
    };
  }
}
