import { EventStoreDbEventStore } from '../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store.js';
import { describeEventStoreContract } from '../contracts/event-store.contract.js';

/**
 * The shared event-store contract against a real KurrentDB / EventStoreDB (client @kurrent/kurrentdb-client). Run with `npm run test:eventstoredb` and
 * EVENTSTORE_URL set, e.g. `EVENTSTORE_URL='kurrentdb://localhost:2113?tls=false'` against the `eventstore` service
 * of docker/compose.yml. The default `npm test` never runs this file (its config ignores `eventstoredb` paths).
 *
 * EventStoreDB cannot be emptied between tests: every store shares the server's `$all`. Streams must have
 * unique names, and reads of `$all` must start after the head position taken when the test began.
 */
const url = process.env.EVENTSTORE_URL;

if (!url) {
  describe('EventStoreDB event store', () => {
    it('needs EVENTSTORE_URL', () => {
      throw new Error(
        'EVENTSTORE_URL is not set: this suite runs the event-store contract against a real EventStoreDB. ' +
          "Start one (docker compose -f docker/compose.yml up -d eventstore) and run: EVENTSTORE_URL='kurrentdb://localhost:2113?tls=false' npm run test:eventstoredb",
      );
    });
  });
} else {
  describeEventStoreContract(
    'eventstoredb',
    async () => {
      const store = new EventStoreDbEventStore(url);
      return { store, teardown: () => store.close() };
    },
    { globalEventIds: false },
  );
}
