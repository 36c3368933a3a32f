import type { CommandMetadata, Decider } from '../decider';
import { fold } from '../decider';
import { DomainError, type DomainErrorKind } from '../domain-error';

export interface DeciderThen<State, Event> {
  /** Asserts the exact events decided; they must also evolve the state without error. */
  then(expected: readonly Event[]): State;
  /** Asserts the command is accepted and changes nothing. */
  thenNothing(): State;
  /** Asserts the decision fails with a DomainError of this code (and kind, when given). */
  thenThrows(code: string, kind?: DomainErrorKind): DomainError;
}

export interface DeciderWhen<State, Command, Event> {
  readonly state: State;
  when(command: Command): DeciderThen<State, Event>;
}

export interface DeciderSpec<State, Command, Event> {
  given(events: readonly Event[]): DeciderWhen<State, Command, Event>;
}

/** Given/when/then over a decider: `deciderSpec(d).given(history).when(command).then(events)`. */
export function deciderSpec<State, Command, Event>(decider: Decider<State, Command, Event>): DeciderSpec<State, Command, Event> {
  return {
    given(events) {
      const state = fold(decider, events);
      return {
        state,
        when(command) {
          const decide = () => decider.decide(command, state);
          const then = (expected: readonly Event[]): State => {
            const actual = decide();
            expect(actual).toEqual(expected);
            return actual.reduce(decider.evolve, state);
          };
          return {
            then,
            thenNothing: () => then([]),
            thenThrows(code, kind) {
              let thrown: unknown;
              try {
                decide();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              const error = thrown as DomainError;
              expect({ code: error.code, ...(kind ? { kind: error.kind } : {}) }).toEqual({ code, ...(kind ? { kind } : {}) });
              return error;
            },
          };
        },
      };
    },
  };
}

/** Command metadata for tests: a fixed instant and a test actor unless overridden. */
export function testMetadata(overrides: Partial<CommandMetadata> = {}): CommandMetadata {
  return { now: new Date('2024-06-01T02:00:00Z'), actor: { personId: 'test-actor' }, ...overrides };
}
