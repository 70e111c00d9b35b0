import { fold, type Decider } from '../../src/shared/decider.js';
import type { Event } from '../../src/shared/event.js';

/** Any error class, abstract or not (matched with `instanceof`). */
type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

export type Then<State, E extends Event> = {
  /** The decision equals these events (strictly: no stray `undefined` keys); `andState` may check the state after. */
  then: (expected: readonly E[], andState?: (state: State) => void) => void;
  /** The decision throws an instance of `errorClass`; `check` may look at its message, code or details. */
  thenThrows: <T extends Error>(errorClass: ErrorClass<T>, check?: (error: T) => void) => void;
  /** The decision records nothing (an idempotent no-op). */
  thenNothing: () => void;
};

/**
 * Given/when/then on a pure decider: `given(events).when(command).then(expectedEvents)`.
 * Past events are folded with the decider's own `evolve`, so specs exercise the real state.
 */
export const deciderSpec = <State, Command, E extends Event>(decider: Decider<State, Command, E>) => ({
  given: (events: readonly E[] = []) => ({
    when: (command: Command): Then<State, E> => {
      const state = fold(decider.evolve, decider.initialState(), events);
      const run = (): E[] => decider.decide(command, state);
      return {
        then: (expected, andState) => {
          const produced = run();
          expect(produced).toStrictEqual(expected);
          andState?.(fold(decider.evolve, state, produced));
        },
        thenThrows: (errorClass, check) => {
          let produced: E[];
          try {
            produced = run();
          } catch (error) {
            expect(error).toBeInstanceOf(errorClass);
            check?.(error as Parameters<NonNullable<typeof check>>[0]);
            return;
          }
          throw new Error(`Expected ${errorClass.name} to be thrown, but got ${JSON.stringify(produced)}`);
        },
        thenNothing: () => {
          expect(run()).toEqual([]);
        },
      };
    },
  }),
});
