/**
 * An aggregate as a decider: pure functions over plain readonly data.
 * The clock and the actor come in with the command, so a decision is deterministic.
 */
export interface Decider<State, Command, Event> {
  readonly initialState: () => State;
  /** Returns the events the command causes, or throws a DomainError naming the broken rule. */
  readonly decide: (command: Command, state: State) => readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
}

export interface Actor {
  /** Person id of whoever issued the command (staff number or system principal). */
  readonly personId: string;
  /** Unit the actor acted for, when the command was issued on behalf of one. */
  readonly unitId?: string;
}

export interface CommandMetadata {
  readonly now: Date;
  readonly actor: Actor;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  /** Version of the event's data shape; 1 when left out. Stored with the event, lifted by upcasters on read. */
  readonly schemaVersion?: number;
}

export function fold<State, Event>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
