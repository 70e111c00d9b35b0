import { type SqlExecutor } from '../database/database.js';
import { type RecordedEvent } from '../event-store/event-store.js';
import { type Projection } from './projection.js';

export type FoldedRow<S> = { key: string; state: S; last: RecordedEvent };

/**
 * A projection that keeps one row per entity holding its folded state: for each batch it loads the states of the
 * entities touched, folds the new events with the domain's `evolve`, and writes each row once.
 */
export function foldProjection<S>(spec: {
  name: string;
  version: number;
  eventTypes: readonly string[];
  tables: readonly string[];
  keyOf: (event: RecordedEvent) => string | undefined;
  load: (tx: SqlExecutor, keys: string[]) => Promise<Map<string, S>>;
  initialState: () => S;
  evolve: (state: S, event: RecordedEvent) => S;
  /** One row per entity, or, with `saveAll`, every row of the batch in one statement. */
  save?: (tx: SqlExecutor, key: string, state: S, last: RecordedEvent) => Promise<void>;
  saveAll?: (tx: SqlExecutor, rows: readonly FoldedRow<S>[]) => Promise<void>;
}): Projection {
  return {
    name: spec.name,
    version: spec.version,
    eventTypes: spec.eventTypes,
    tables: spec.tables,
    async apply(events, tx) {
      const byKey = new Map<string, RecordedEvent[]>();
      for (const event of events) {
        const key = spec.keyOf(event);
        if (key === undefined) continue;
        const list = byKey.get(key);
        if (list) list.push(event);
        else byKey.set(key, [event]);
      }
      if (byKey.size === 0) return;
      const states = await spec.load(tx, [...byKey.keys()]);
      const rows: FoldedRow<S>[] = [];
      for (const [key, list] of byKey) {
        const state = list.reduce(spec.evolve, states.get(key) ?? spec.initialState());
        rows.push({ key, state, last: list[list.length - 1] as RecordedEvent });
      }
      if (spec.saveAll) await spec.saveAll(tx, rows);
      else for (const row of rows) await spec.save?.(tx, row.key, row.state, row.last);
    },
  };
}
