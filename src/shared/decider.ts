import type { Event } from './event.js';

/**
 * A pure decider: `decide` turns a command and the current state into new events (or throws a DomainError);
 * `evolve` folds one event into the state. No clock, no random ids, no I/O: time and ids arrive in the command.
 */
export type Decider<State, Command, E extends Event> = {
  initialState: () => State;
  evolve: (state: State, event: E) => State;
  decide: (command: Command, state: State) => E[];
  /** The schema version each new event is recorded with (1 when absent): read back through the upcasters. */
  schemaVersionOf?: (type: E['type']) => number;
};

export const fold = <State, E extends Event>(
  evolve: (state: State, event: E) => State,
  initial: State,
  events: readonly E[],
): State => events.reduce(evolve, initial);
