import { type SqlExecutor } from '../infrastructure/database/database.js';
import { type RecordedEvent } from '../infrastructure/event-store/event-store.js';

/** What every entry of a settings history says about its change: its revision, when, who, from which source. */
export type RecordedChange = {
  revision: number;
  occurredAt: string;
  recordedAt: string;
  actor: string | null;
  actorName: string | null;
  source: string;
  reason?: string;
};

type ChangeData = { occurredAt: string; source: string; reason?: string };

/**
 * The recorded part of each change event (revision, dates, actor and their display name within the
 * organisation, source, reason), in stream order, in one query for the names. Used by the organisation's
 * settings histories (deadline rules, reference ratios).
 */
export async function recordedChanges(
  db: SqlExecutor,
  organisationId: string,
  events: readonly RecordedEvent[],
): Promise<RecordedChange[]> {
  const actorIds = [...new Set(events.map((e) => e.metadata.actorId).filter((id) => id !== undefined))];
  const names = new Map<string, string>();
  if (actorIds.length > 0) {
    const { rows } = await db.query<{ account_id: string; display_name: string }>(
      `SELECT account_id::text AS account_id, display_name FROM app.accounts
        WHERE account_id::text = ANY($1::text[]) AND organisation_id = $2`,
      [actorIds, organisationId],
    );
    rows.forEach((row) => names.set(row.account_id, row.display_name));
  }
  return events.map((event) => {
    const data = event.data as ChangeData;
    const actor = event.metadata.actorId ?? null;
    return {
      revision: Number(event.revision),
      occurredAt: data.occurredAt,
      recordedAt: event.recordedAt.toISOString(),
      actor,
      actorName: actor === null ? null : (names.get(actor) ?? null),
      source: data.source,
      ...(data.reason === undefined ? {} : { reason: data.reason }),
    };
  });
}
