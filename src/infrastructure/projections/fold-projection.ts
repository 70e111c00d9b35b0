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
  /** The states of the rows touched; or, with `loadApplied`, the states and the stream revision each reflects. */
  load?: (tx: SqlExecutor, keys: string[]) => Promise<Map<string, S>>;
  /**
   * For rows keyed by stream (every event of a row from one stream): events at or below the row's revision are
   * already in it (written inline) and are skipped; a row none of whose events is new is not written again.
   */
  loadApplied?: (tx: SqlExecutor, keys: string[]) => Promise<Map<string, { state: S; revision: bigint }>>;
  initialState: () => S;
  evolve: (state: S, event: RecordedEvent) => S;
  /** One row per entity, or, with `saveAll`, every row of the batch in one statement. */
  save?: (tx: SqlExecutor, key: string, state: S, last: RecordedEvent) => Promise<void>;
  saveAll?: (tx: SqlExecutor, rows: readonly FoldedRow<S>[]) => Promise<void>;
  /**
   * Inline (ADR 0021, needs `loadApplied` and a save that never moves a row back to an older revision): the row of
   * the stream an append goes to is folded from the whole stream in the append's transaction.
   */
  inline?: boolean;
}): Projection {
  const saveRows = async (tx: SqlExecutor, rows: FoldedRow<S>[]) => {
    if (rows.length === 0) return;
    if (spec.saveAll) await spec.saveAll(tx, rows);
    else for (const row of rows) await spec.save?.(tx, row.key, row.state, row.last);
  };
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
      const keys = [...byKey.keys()];
      const loaded: Map<string, { state: S; revision?: bigint }> = spec.loadApplied
        ? await spec.loadApplied(tx, keys)
        : new Map(
            [...((await spec.load?.(tx, keys)) ?? new Map<string, S>())].map(([k, state]) => [k, { state }]),
          );
      const rows: FoldedRow<S>[] = [];
      for (const [key, all] of byKey) {
        const row = loaded.get(key);
        const applied = row?.revision;
        const list = applied === undefined ? all : all.filter((event) => event.revision > applied);
        if (list.length === 0) continue;
        const state = list.reduce(spec.evolve, row?.state ?? spec.initialState());
        rows.push({ key, state, last: list[list.length - 1] as RecordedEvent });
      }
      await saveRows(tx, rows);
    },
    ...(spec.inline
      ? {
          async applyInline(
            stream: readonly RecordedEvent[],
            appended: readonly RecordedEvent[],
            tx: SqlExecutor,
          ) {
            const last = appended[appended.length - 1];
            const key = last ? spec.keyOf(last) : undefined;
            if (!last || key === undefined) return;
            const state = stream
              .filter((event) => spec.keyOf(event) === key)
              .reduce(spec.evolve, spec.initialState());
            await saveRows(tx, [{ key, state, last }]);
          },
        }
      : {}),
  };
}
