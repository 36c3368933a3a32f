import { DomainError, fold, type Command, type Decider, type DomainEvent } from '@app/domain';
import { type EventStore, STREAM_CONFLICT } from './event-store';
import type { AppendResult, EventMetadata, OutboxMessage, StoredEvent } from './stored-event';

/** Maps a domain event to the integration message it announces, or null if it stays private. */
export type IntegrationMapper<Event> = (event: Event, streamId: string) => Omit<OutboxMessage, 'eventIndex'> | null;

export interface ExecuteOptions<State, Event> {
  /** Expected version from `If-Match`: a mismatch is the caller's stale precondition (412). */
  readonly expectedVersion?: number;
  readonly idempotencyKey?: string;
  readonly correlationId: string;
  readonly causationId?: string;
  /** Unit the stream belongs to, recorded in metadata for per-object audit reads. */
  readonly unitId?: (state: State) => string | undefined;
  readonly toIntegration?: IntegrationMapper<Event>;
  /** Checks made against the folded state before deciding, e.g. per-object authorisation. */
  readonly authorise?: (state: State) => void;
  readonly maxAttempts?: number;
}

export interface ExecuteResult<State, Event> extends AppendResult {
  readonly events: readonly Event[];
  readonly state: State;
}

/**
 * The one command path: read the stream, fold, decide, append with the expected version; on a
 * lost race decide again on the fresh state. A retried command with the same idempotency key
 * returns the first result and writes nothing.
 */
export async function executeCommand<State, C extends Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, C, Event>,
  streamId: string,
  command: C,
  options: ExecuteOptions<State, Event>,
): Promise<ExecuteResult<State, Event>> {
  if (options.idempotencyKey) {
    const earlier = await store.findIdempotentResult(options.idempotencyKey, streamId, fingerprintOf(command));
    if (earlier) return withState(store, decider, earlier);
  }
  const maxAttempts = options.expectedVersion === undefined ? (options.maxAttempts ?? 5) : 1;
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId);
    const current = history.length;
    if (options.expectedVersion !== undefined && options.expectedVersion !== current) {
      throw new DomainError(STREAM_CONFLICT, `${streamId} is at version ${current}, not ${options.expectedVersion}`, 'precondition', {
        actual: current,
        expected: options.expectedVersion,
      });
    }
    const state = fold(decider, history as unknown as Event[]);
    options.authorise?.(state);
    const events = decider.decide(command, state);
    if (events.length === 0) {
      return { streamId, fromVersion: current + 1, toVersion: current, positions: [], eventIds: [], replayed: false, events, state };
    }
    const nextState = events.reduce(decider.evolve, state);
    const metadata: EventMetadata = {
      actor: command.metadata.actor,
      correlationId: options.correlationId,
      ...(options.causationId ? { causationId: options.causationId } : {}),
      ...(unitOf(options, nextState) ? { unitId: unitOf(options, nextState) } : {}),
    };
    const outbox: OutboxMessage[] = [];
    events.forEach((event, eventIndex) => {
      const message = options.toIntegration?.(event, streamId);
      if (message) outbox.push({ ...message, eventIndex });
    });
    try {
      const result = await store.append({
        streamId,
        expectedVersion: current,
        previousHash: history.at(-1)?.contentHash ?? null,
        events: events.map((e) => ({ type: e.type, data: e.data })),
        metadata,
        outbox,
        idempotencyKey: options.idempotencyKey,
        requestFingerprint: fingerprintOf(command),
        conflictKind: options.expectedVersion === undefined ? 'conflict' : 'precondition',
        now: command.metadata.now,
      });
      if (result.replayed) return withState(store, decider, result);
      return { ...result, events, state: nextState };
    } catch (error) {
      const lostRace = error instanceof DomainError && error.code === STREAM_CONFLICT && options.expectedVersion === undefined;
      if (!lostRace || attempt >= maxAttempts) throw error;
    }
  }
}

/** What makes two commands the same request: type and data, not the clock or the actor's token. */
function fingerprintOf(command: Command): unknown {
  return { type: command.type, data: command.data };
}

function unitOf<State, Event>(options: ExecuteOptions<State, Event>, state: State): string | undefined {
  return options.unitId?.(state);
}

async function withState<State, C, Event>(
  store: EventStore,
  decider: Decider<State, C, Event>,
  result: AppendResult,
): Promise<ExecuteResult<State, Event>> {
  const history: StoredEvent[] = await store.readStream(result.streamId, { toVersion: result.toVersion });
  const byId = new Set(result.eventIds);
  return {
    ...result,
    replayed: true,
    events: history.filter((e) => byId.has(e.eventId)) as unknown as Event[],
    state: fold(decider, history as unknown as Event[]),
  };
}
