import { type AsOf, isKnownAt } from '../../demands/as-of.js';
import { isDemandEvent } from '../../demands/domain/demand.events.js';
import {
  demandStreamId,
  evolve as evolveDemand,
  initialState as initialDemand,
  OPEN_STATUSES,
  overdueFlags,
} from '../../demands/domain/demand.js';
import { organisationOf } from '../../infrastructure/commands/access.js';
import { type SqlExecutor } from '../../infrastructure/database/database.js';
import { type EventStore, type RecordedEvent } from '../../infrastructure/event-store/event-store.js';
import { isObservationEvent } from '../../observations/domain/observation.events.js';
import {
  evolve as evolveObservation,
  initialState as initialObservation,
  observationStreamId,
} from '../../observations/domain/observation.js';
import { evolve as evolveUnit, initialState as initialUnit, unitStreamId } from '../domain/unit.js';
import { isUnitEvent, isVisitEvent } from '../domain/units.events.js';
import { evolve as evolveVisit, initialState as initialVisit, visitStreamId } from '../domain/visit.js';
import { type LastVisit, type PlannedVisit } from '../visits/antenna-visits.js';
import { type BalancingObservation } from './antenna-dashboard.view.js';
import {
  type DashboardSections,
  demandCounts,
  type DemandGroup,
  type OverdueCounts,
  type SnapshotFigures,
} from './dashboard-figures.js';

/** Streams read at once: enough to overlap round trips, few enough to leave the pool to the other requests. */
const READ_CONCURRENCY = 8;

/** A date alone means the start of that day (UTC), as in `isKnownAt`. */
const instantOf = (iso: string): number =>
  Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);

/** Whether a date carried by an event (the day a visit took place, the day a snapshot describes) is by `asOf`. */
const dated = (iso: string, asOf: AsOf): boolean => instantOf(iso) <= asOf.at.getTime();

/**
 * Folds the events of a stream that `keep` retains with the domain's own `evolve`. The type guard comes first:
 * an event of another type (none today) is skipped, not folded.
 */
const fold = <S, E>(
  events: readonly RecordedEvent[],
  keep: (event: RecordedEvent) => boolean,
  evolve: (state: S, event: E) => S,
  initial: S,
): S =>
  events
    .filter(keep)
    .reduce((state, event) => evolve(state, { type: event.type, data: event.data } as unknown as E), initial);

/** Of the given types, the events known at `asOf`: by occurredAt, or by recordedAt with known=recorded. */
const knownOfType =
  (isType: (event: { type: string }) => boolean, asOf: AsOf) =>
  (event: RecordedEvent): boolean =>
    isType(event) && isKnownAt(event, asOf);

/**
 * Reads each stream once, a few at a time. Streams of another organisation (or empty) are left out: the read
 * models already scope the ids, this only guards against a stream that says otherwise.
 */
async function readStreams(
  store: EventStore,
  streamIds: readonly string[],
  organisationId: string | undefined,
): Promise<RecordedEvent[][]> {
  const streams: RecordedEvent[][] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let id = streamIds[next++]; id !== undefined; id = streamIds[next++]) {
      const events = await store.readStream(id);
      if (events.length > 0 && (!organisationId || organisationOf(events) === organisationId)) {
        streams.push(events);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, streamIds.length) }, worker));
  return streams;
}

/**
 * The antenna's dashboard as of a past instant, computed from the events (never from read-table snapshots).
 * The read models only say which streams to read: every demand, balancing observation and visit the antenna has
 * had, and the antenna's own stream (staffing); then each stream is read once and folded up to `asOf`.
 *
 * - Demands: open ones (drafts included) by status and category, overdue judged at `asOf`. Membership is judged
 *   on the folded state: a demand counts if its antenna *as of then* is this one. Its antenna can only change
 *   when a draft is raised with other details, so the candidates are the demands now at this antenna and those
 *   drafted for it (rm.demand_history).
 * - Staffing: the snapshots recorded by then that describe a day up to `asOf`; the latest one (latest date, the
 *   last recorded wins a tie) with its ratios, and the series, oldest first.
 * - Visits: the last visit conducted by then (on a day up to `asOf`); the next plan pending as of then, chosen
 *   as today's dashboard chooses it with `asOf`'s day as today.
 * - Observations: positive or leading to no demand, recorded and not withdrawn by then, with the text and
 *   category as corrected by then. An observation's antenna, sentiment and "leads to a demand" never change
 *   (corrections touch text, facts and category), so the read model's columns may pick the candidates; its
 *   links to demands live in the demands' streams and play no part here.
 *
 * Approximation: the antenna itself (name, chain of parents) is today's, and its registration is folded whatever
 * its date: units are reference data, registered when they were entered in the tracker (not when they opened),
 * and they have no rename event.
 *
 * Cost: three queries for the candidate ids, then one `readStream` per candidate stream (the port has no
 * multi-stream read), a few at a time; no query per event.
 */
export async function antennaSectionsAsOf(
  db: SqlExecutor,
  store: EventStore,
  antennaId: string,
  asOf: AsOf,
  organisationId: string | undefined,
): Promise<DashboardSections> {
  const org = organisationId ?? null;
  // $1: the antenna, $2: the organisation (null: all).
  const [demandIds, observationIds, visitIds] = await Promise.all([
    db.query<{ id: string }>(
      `SELECT demand_id AS id FROM rm.demand_status
        WHERE antenna_id = $1 AND ($2::text IS NULL OR organisation_id = $2)
       UNION
       SELECT demand_id AS id FROM rm.demand_history
        WHERE event_type = 'DemandDrafted' AND data->>'antennaId' = $1
          AND ($2::text IS NULL OR organisation_id = $2)`,
      [antennaId, org],
    ),
    db.query<{ id: string }>(
      `SELECT observation_id AS id FROM rm.observations
        WHERE antenna_id = $1 AND (sentiment = 'positive' OR NOT leads_to_demand)
          AND ($2::text IS NULL OR organisation_id = $2)`,
      [antennaId, org],
    ),
    db.query<{ id: string }>(
      `SELECT DISTINCT visit_id AS id FROM rm.visits
        WHERE antenna_id = $1 AND ($2::text IS NULL OR organisation_id = $2)`,
      [antennaId, org],
    ),
  ]);
  const [demands, observations, visits, unit] = await Promise.all([
    readStreams(
      store,
      demandIds.rows.map((row) => demandStreamId(row.id)),
      organisationId,
    ),
    readStreams(
      store,
      observationIds.rows.map((row) => observationStreamId(row.id)),
      organisationId,
    ),
    readStreams(
      store,
      visitIds.rows.map((row) => visitStreamId(row.id)),
      organisationId,
    ),
    readStreams(store, [unitStreamId(antennaId)], organisationId),
  ]);
  return {
    demands: demandsAsOf(demands, antennaId, asOf),
    snapshots: snapshotsAsOf(unit[0] ?? [], asOf),
    visits: visitsAsOf(visits, antennaId, asOf),
    balancingObservations: observationsAsOf(observations, antennaId, asOf),
  };
}

function demandsAsOf(
  streams: readonly RecordedEvent[][],
  antennaId: string,
  asOf: AsOf,
): DashboardSections['demands'] {
  const groups = new Map<string, DemandGroup>();
  const overdue: OverdueCounts = { response: 0, commitment: 0, any: 0 };
  const at = asOf.at.toISOString();
  for (const stream of streams) {
    const state = fold(stream, knownOfType(isDemandEvent, asOf), evolveDemand, initialDemand());
    if (state.status === 'INITIAL' || state.antennaId !== antennaId) continue;
    if (!(OPEN_STATUSES as readonly string[]).includes(state.status)) continue;
    const key = `${state.status} ${state.category}`;
    const group = groups.get(key) ?? { status: state.status, category: state.category, n: 0 };
    group.n += 1;
    groups.set(key, group);
    const flags = overdueFlags(state, at);
    if (flags.responseOverdue) overdue.response += 1;
    if (flags.commitmentOverdue) overdue.commitment += 1;
    if (flags.responseOverdue || flags.commitmentOverdue) overdue.any += 1;
  }
  return demandCounts([...groups.values()], overdue);
}

function snapshotsAsOf(stream: readonly RecordedEvent[], asOf: AsOf): SnapshotFigures[] {
  // The registration always counts (see the approximation above: it says when the unit was entered, and without
  // it the snapshots would not fold); the snapshots count by when they were recorded or happened.
  const state = fold(
    stream,
    (event) => event.type === 'UnitRegistered' || knownOfType(isUnitEvent, asOf)(event),
    evolveUnit,
    initialUnit(),
  );
  if (state.status === 'INITIAL') return [];
  // `snapshots` is in recording order and Array#sort is stable: on the same date the last recorded comes last.
  return state.snapshots
    .filter((snapshot) => dated(snapshot.asOf, asOf))
    .map((snapshot) => ({ ...snapshot, illustrative: snapshot.illustrative ?? false }))
    .sort((a, b) => instantOf(a.asOf) - instantOf(b.asOf));
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function visitsAsOf(
  streams: readonly RecordedEvent[][],
  antennaId: string,
  asOf: AsOf,
): DashboardSections['visits'] {
  const today = asOf.at.toISOString().slice(0, 10);
  const conducted: LastVisit[] = [];
  const pending: PlannedVisit[] = [];
  for (const stream of streams) {
    const visit = fold(stream, knownOfType(isVisitEvent, asOf), evolveVisit, initialVisit());
    if (visit.status === 'INITIAL') continue;
    const here = visit.conducted.filter((c) => c.antennaId === antennaId && dated(c.conductedOn, asOf));
    const last = here[here.length - 1];
    if (last) {
      conducted.push({ visitId: visit.visitId, conductedOn: last.conductedOn, sourceRef: last.sourceRef });
    } else if (visit.planned && visit.antennaIds.includes(antennaId)) {
      pending.push({ visitId: visit.visitId, plannedFor: visit.plannedFor });
    }
  }
  // As visitsByAntenna: the latest visit conducted; the earliest plan dated today or later, else one with no
  // date yet, else the latest past-dated one.
  conducted.sort((a, b) => byText(b.conductedOn, a.conductedOn) || byText(a.visitId, b.visitId));
  const rank = (p: PlannedVisit): number => (p.plannedFor === null ? 1 : p.plannedFor >= today ? 0 : 2);
  pending.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? byText(a.plannedFor ?? '', b.plannedFor ?? '') : 0) ||
      byText(b.plannedFor ?? '', a.plannedFor ?? '') ||
      byText(a.visitId, b.visitId),
  );
  return { lastVisit: conducted[0] ?? null, nextPlannedVisit: pending[0] ?? null };
}

function observationsAsOf(
  streams: readonly RecordedEvent[][],
  antennaId: string,
  asOf: AsOf,
): BalancingObservation[] {
  const shown: BalancingObservation[] = [];
  for (const stream of streams) {
    const state = fold(
      stream,
      knownOfType(isObservationEvent, asOf),
      evolveObservation,
      initialObservation(),
    );
    if (state.status !== 'RECORDED' || state.antennaId !== antennaId) continue;
    if (state.sentiment !== 'positive' && state.leadsToDemand) continue;
    shown.push({
      id: state.observationId,
      visitId: state.visitId,
      category: state.category,
      topic: state.topic,
      text: state.text,
      sentiment: state.sentiment,
      leadsToDemand: state.leadsToDemand,
      observedOn: state.observedOn,
    });
  }
  // Newest first, as the read model orders them (observed_on DESC NULLS LAST, observation_id).
  return shown.sort(
    (a, b) =>
      (a.observedOn === null ? 1 : 0) - (b.observedOn === null ? 1 : 0) ||
      byText(b.observedOn ?? '', a.observedOn ?? '') ||
      byText(a.id, b.id),
  );
}
