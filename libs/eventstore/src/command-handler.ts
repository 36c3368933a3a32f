import { DomainError, fold, type Command, type Decider, type DomainEvent } from '@app/domain';
import { type EventStore, STREAM_CONFLICT } from './event-store';
import { plainData } from './plain-data';
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
  /** Decisions tried when other processes keep winning the race for the stream (default 12). */
  readonly maxAttempts?: number;
}

export interface ExecuteResult<State, Event> extends AppendResult {
  readonly events: readonly Event[];
  readonly state: State;
}

const DEFAULT_ATTEMPTS = 12;

/**
 * The one command path: read the stream, fold, decide, append with the expected version; on a
 * lost race decide again on the fresh state. A retried command with the same idempotency key
 * returns the first result and writes nothing, however concurrent the retries.
 *
 * Commands on one stream run one after another in this process (a lane per stream), so
 * contention inside a process costs no failed appends; races with other processes are retried
 * with jittered backoff. Only a stale `If-Match` (412) or a domain rule fails a command.
 */
export function executeCommand<State, C extends Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, C, Event>,
  streamId: string,
  command: C,
  options: ExecuteOptions<State, Event>,
): Promise<ExecuteResult<State, Event>> {
  return inLane(store, streamId, () => decideAndAppend(store, decider, streamId, command, options));
}

async function decideAndAppend<State, C extends Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, C, Event>,
  streamId: string,
  command: C,
  options: ExecuteOptions<State, Event>,
): Promise<ExecuteResult<State, Event>> {
  const fingerprint = commandFingerprint(command);
  const replay = async (): Promise<ExecuteResult<State, Event> | undefined> => {
    if (!options.idempotencyKey) return undefined;
    const earlier = await store.findIdempotentResult(options.idempotencyKey, streamId, fingerprint);
    return earlier ? withState(store, decider, earlier) : undefined;
  };
  // With a key, the replay check and the stream read are one statement: an earlier answer, or
  // the history to decide on. A stream that moves after the read is caught by the append's
  // expected version (and its key claim), as any race is.
  let prefetched: readonly StoredEvent[] | undefined;
  if (options.idempotencyKey) {
    const first = await store.readStreamOrReplay(streamId, options.idempotencyKey, fingerprint);
    if (first.replay) return withState(store, decider, first.replay);
    prefetched = first.events;
  }
  const maxAttempts = options.expectedVersion === undefined ? (options.maxAttempts ?? DEFAULT_ATTEMPTS) : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      const history = attempt === 1 && prefetched ? prefetched : await store.readStream(streamId);
      return await attemptOnce(store, decider, streamId, command, options, fingerprint, history);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Whatever refused this attempt (a rule the first request's events now break, a lost race),
      // an identical request that committed meanwhile under the same key is the answer.
      const earlier = await replay();
      if (earlier) return earlier;
      const lostRace = error.code === STREAM_CONFLICT && options.expectedVersion === undefined;
      if (!lostRace || attempt >= maxAttempts) throw error;
      await pause(jitteredBackoff(attempt));
    }
  }
}

async function attemptOnce<State, C extends Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, C, Event>,
  streamId: string,
  command: C,
  options: ExecuteOptions<State, Event>,
  fingerprint: unknown,
  history: readonly StoredEvent[],
): Promise<ExecuteResult<State, Event>> {
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
  const unitId = options.unitId?.(nextState);
  const metadata: EventMetadata = {
    actor: command.metadata.actor,
    correlationId: options.correlationId,
    ...(options.causationId ? { causationId: options.causationId } : {}),
    ...(unitId ? { unitId } : {}),
  };
  const outbox: OutboxMessage[] = [];
  events.forEach((event, eventIndex) => {
    const message = options.toIntegration?.(event, streamId);
    if (message) outbox.push({ ...message, eventIndex });
  });
  const result = await store.append({
    streamId,
    expectedVersion: current,
    previousHash: history.at(-1)?.contentHash ?? null,
    events: events.map((e) => ({ type: e.type, data: e.data, schemaVersion: e.schemaVersion ?? 1 })),
    metadata,
    outbox,
    idempotencyKey: options.idempotencyKey,
    requestFingerprint: fingerprint,
    conflictKind: options.expectedVersion === undefined ? 'conflict' : 'precondition',
    now: command.metadata.now,
    folded: {
      streamId,
      version: current,
      state,
      evolve: decider.evolve,
      initialState: decider.initialState,
      types: new Set(history.map((event) => event.type)),
    },
  });
  if (result.replayed) return withState(store, decider, result);
  return { ...result, events, state: nextState };
}

/**
 * What makes two commands the same request: type and data, not the clock or the actor's token.
 * As plain JSON data, whatever the edge built the command from (a DTO class instance, a Date).
 */
export function commandFingerprint(command: Command): unknown {
  return plainData({ type: command.type, data: command.data });
}

const lanes = new WeakMap<EventStore, Map<string, Promise<unknown>>>();

/** Runs `work` after every earlier command on this stream in this process has finished. */
function inLane<T>(store: EventStore, streamId: string, work: () => Promise<T>): Promise<T> {
  let byStream = lanes.get(store);
  if (!byStream) lanes.set(store, (byStream = new Map<string, Promise<unknown>>()));
  const previous = byStream.get(streamId) ?? Promise.resolve();
  const result = previous.then(work, work);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  byStream.set(streamId, settled);
  void settled.then(() => {
    if (byStream.get(streamId) === settled) byStream.delete(streamId);
  });
  return result;
}

/** Full jitter: a random wait up to 10 ms · 2^attempt, at most 500 ms. */
function jitteredBackoff(attempt: number): number {
  return Math.random() * Math.min(500, 10 * 2 ** attempt);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
