import { Inject, Logger } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyAuditTrail } from '../../audit/verify-audit-trail/audit-trail.js';
import { DeadlineRules } from '../../deadline-rules/deadline-rules.service.js';
import type { DemandEvent } from '../../demands/domain/demand.events.js';
import {
  type DemandState,
  evolve as evolveDemand,
  initialState as initialDemand,
} from '../../demands/domain/demand.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.js';
import { ProjectionsService } from '../../infrastructure/projections/projections.service.js';
import { OrganisationReferenceRatios } from '../../reference-ratios/reference-ratios.service.js';
import { Clock } from '../../infrastructure/time/clock.js';
import type { MeetingEvent } from '../../meetings/domain/meeting.events.js';
import { MeetingNotFoundError } from '../../meetings/domain/meeting.errors.js';
import {
  evolve as evolveMeeting,
  initialState as initialMeeting,
  type Meeting,
  meetingStreamId,
} from '../../meetings/domain/meeting.js';
import type { Caseload, StaffingLine } from '../../units/domain/units.events.js';
import { buildDossier } from '../domain/build-dossier.js';
import type {
  Composition,
  DemandInput,
  DossierModel,
  HistoryEntry,
  SealInput,
  StaffingInput,
} from '../domain/dossier.model.js';
import { dayOf, endOfParisDay } from '../domain/french.js';
import { perimeterOf, type UnitInfo } from '../domain/perimeter.js';
import { latestSeal } from '../../audit/seals/seals.repository.js';
import type { ActorInfo, Redaction } from '../domain/redaction.js';

export type DossierOptions = {
  /** The reader's organisation: another organisation's meeting does not exist for it. */
  organisationId?: string;
  /**
   * "Données arrêtées au": a cutoff on when things HAPPENED (occurred time). Default: the end of the meeting's day.
   * Lateness, ages and "since the last instance" are judged at this instant, never at the clock.
   */
  arreteAu?: Date;
  /** `recorded`: also leave out what was recorded after the cutoff ("as we knew it then"). */
  known?: 'occurred' | 'recorded';
  /** Read the store as recorded up to this instant (an issued dossier's); default and at most the database's now. */
  recordedUpTo?: Date;
  redaction: Redaction;
  /** The officer's composition (picked demands and questions, edited statement); absent: the proposal. */
  composition?: Composition | null;
  /** An issued dossier's generation instant, so that it is produced again identically; default: the clock. */
  generatedAt?: string;
  /** The seal an issued dossier recorded; default: none (the ledger's seal is read once the audit module has it). */
  seal?: SealInput | null;
};

export class GetDossierQuery extends Query<DossierModel> {
  constructor(
    readonly meetingId: string,
    readonly options: DossierOptions,
  ) {
    super();
  }
}

type HistoryRow = {
  demand_id: string;
  revision: string;
  event_type: string;
  occurred_at: Date | string | null;
  recorded_at: Date | string;
  actor_id: string | null;
  data: Record<string, unknown>;
};

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** A timestamptz as ISO 8601 text in UTC with milliseconds, formatted by PostgreSQL (no Date parsing here). */
const isoText = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** What a dossier sees: what happened by the cutoff, as recorded up to `recordedUpTo` (and by the cutoff, if asked). */
type Visibility = { cutoff: Date; recordedUpTo: Date; knownAsRecorded: boolean };

const isVisible = (occurredAt: string | undefined, recordedAt: Date, visible: Visibility): boolean => {
  if (recordedAt.getTime() > visible.recordedUpTo.getTime()) return false;
  if (visible.knownAsRecorded && recordedAt.getTime() > visible.cutoff.getTime()) return false;
  const happened = occurredAt ? Date.parse(occurredAt) : recordedAt.getTime();
  return (Number.isNaN(happened) ? recordedAt.getTime() : happened) <= visible.cutoff.getTime();
};

/** How many meeting streams are read at once (a pool has about ten connections). */
const STREAM_READS = 6;

/**
 * Reads everything a dossier needs, as recorded up to "données arrêtées au", in a fixed number of set-based
 * queries whatever the number of demands (histories of every demand in scope in one query), then builds the model.
 * The same instant bounds the data and the audit digest printed on the cover, so that
 * `npm run audit:verify -- --digest <digest> --recorded-up-to <instant>` checks exactly what was printed.
 */
@QueryHandler(GetDossierQuery)
export class GetDossierHandler implements IQueryHandler<GetDossierQuery> {
  private readonly logger = new Logger('Dossier');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionsService,
    private readonly clock: Clock,
    private readonly deadlineRules: DeadlineRules,
    private readonly referenceRatios: OrganisationReferenceRatios,
  ) {}

  async execute({ meetingId, options }: GetDossierQuery): Promise<DossierModel> {
    const asked = options.organisationId ?? null;
    const found = await this.db.query<{ instance_id: string; day: string; organisation_id: string }>(
      `SELECT instance_id, COALESCE(held_on, scheduled_for) AS day, organisation_id FROM rm.meetings
        WHERE meeting_id = $1 AND ($2::text IS NULL OR organisation_id = $2)`,
      [meetingId, asked],
    );
    const meetingRow = found.rows[0];
    if (!meetingRow) throw new MeetingNotFoundError(meetingId);
    // Everything below reads the meeting's own organisation only, whoever asks (an installation-wide caller too).
    const org: string = meetingRow.organisation_id;

    // Read models first catch up with what is recorded, so that the content matches the digest.
    const head = await this.store.headPosition();
    if (head && !(await this.projections.waitFor(head, 3000))) {
      this.logger.warn('read models are behind the event store: the dossier may miss the latest events');
    }
    const dbNow = await this.db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    const latest = new Date(dbNow.rows[0]?.now ?? this.clock.now());
    // The store as recorded when the dossier is made (or when an issued dossier was made): what the digest covers.
    // Milliseconds only: what the last page prints is exactly what `--recorded-up-to` will read back.
    const recordedUpTo = new Date(
      Math.floor(
        (options.recordedUpTo && options.recordedUpTo < latest ? options.recordedUpTo : latest).getTime(),
      ),
    );
    // "Données arrêtées au": what happened up to the end of the meeting's day unless asked otherwise.
    const cutoff = options.arreteAu ?? endOfParisDay(meetingRow.day);
    const knownAsRecorded = options.known === 'recorded';
    const now = options.generatedAt ?? this.clock.now().toISOString();
    const asOf = cutoff.toISOString();
    const visible: Visibility = { cutoff, recordedUpTo, knownAsRecorded };

    // The organisation's own streams: what its admin checks at /api/audit/verify, and no other union's count.
    const audit = verifyAuditTrail(this.db, recordedUpTo, { organisationId: org });
    // The latest seal made by then: what a dossier made now covers (an issued dossier prints the one it recorded).
    const seal: Promise<SealInput | null> =
      options.seal !== undefined
        ? Promise.resolve(options.seal)
        : latestSeal(this.db, recordedUpTo).then((found) =>
            found
              ? {
                  sealId: String(found.number),
                  position: found.position ?? '',
                  count: found.eventCount,
                  rootHash: found.rootHash,
                  sealedAt: found.sealedAt,
                }
              : null,
          );
    const [unitsResult, instanceMeetings, organisation, accounts, rules, ratios] = await Promise.all([
      // The organisation's own units only: another union's names never reach this dossier.
      this.db.query<{ unit_id: string; kind: string; name: string; parent_id: string | null }>(
        `SELECT unit_id, kind, name, parent_id FROM rm.units WHERE ($1::text IS NULL OR organisation_id = $1)`,
        [org],
      ),
      this.db.query<{ meeting_id: string }>(
        `SELECT meeting_id FROM rm.meetings
          WHERE instance_id = $1 AND ($2::text IS NULL OR organisation_id = $2)
            AND COALESCE(held_on, scheduled_for) <= $3`,
        [meetingRow.instance_id, org, meetingRow.day],
      ),
      this.db.query<{ name: string }>(`SELECT name FROM app.organisations WHERE organisation_id = $1`, [org]),
      this.db.query<{ account_id: string; display_name: string; email: string; role: string }>(
        `SELECT account_id::text AS account_id, display_name, email, role FROM app.accounts
          WHERE ($1::text IS NULL OR organisation_id = $1)`,
        [org],
      ),
      // The rules in force for the meeting's organisation, as recorded when the dossier is made.
      this.deadlineRules.inForce(meetingRow.organisation_id, { recordedUpTo }),
      // Likewise the organisation's yardstick for the staffing annex; as known at the cutoff for "as we knew it then".
      this.referenceRatios.inForce(meetingRow.organisation_id, {
        recordedUpTo: knownAsRecorded && cutoff < recordedUpTo ? cutoff : recordedUpTo,
      }),
    ]);
    const units = new Map<string, UnitInfo>(
      unitsResult.rows.map((u) => [
        u.unit_id,
        { id: u.unit_id, kind: u.kind, name: u.name, parentId: u.parent_id },
      ]),
    );

    const meeting = await this.meetingAsOf(meetingId, visible);
    if (!meeting) throw new MeetingNotFoundError(meetingId);
    const perimeter = perimeterOf(meeting, units);

    const [history, linked] = await Promise.all([
      this.db.query<HistoryRow>(
        `SELECT h.demand_id, h.revision::text AS revision, h.event_type, ${isoText('h.occurred_at')} AS occurred_at,
                ${isoText('h.recorded_at')} AS recorded_at, h.actor_id, h.data
           FROM rm.demand_status s
           JOIN rm.demand_history h ON h.demand_id = s.demand_id
          WHERE ($1::text IS NULL OR s.organisation_id = $1)
            AND ($2::text[] IS NULL OR s.antenna_id = ANY($2::text[]))
            AND h.recorded_at <= $3
            AND COALESCE(h.occurred_at, h.recorded_at) <= $4
            AND (NOT $5::boolean OR h.recorded_at <= $4)
          ORDER BY h.demand_id, h.revision`,
        [org, perimeter.antennaIds, recordedUpTo, cutoff, knownAsRecorded],
      ),
      this.db.query<{ meeting_id: string }>(
        `SELECT DISTINCT l.meeting_id FROM rm.meeting_demand_links l
           JOIN rm.demand_status s ON s.demand_id = l.demand_id
          WHERE ($1::text IS NULL OR s.organisation_id = $1)
            AND ($2::text[] IS NULL OR s.antenna_id = ANY($2::text[]))
            AND ($1::text IS NULL OR l.organisation_id = $1)`,
        [org, perimeter.antennaIds],
      ),
    ]);
    const demands = foldDemands(history.rows);
    const antennaIds = perimeter.antennaIds ?? [...new Set(demands.map((d) => d.state.antennaId))];
    const otherMeetingIds = [
      ...new Set([...instanceMeetings.rows, ...linked.rows].map((r) => r.meeting_id)),
    ].filter((id) => id !== meetingId);
    const [meetings, staffing] = await Promise.all([
      this.meetingsAsOf(otherMeetingIds, visible),
      this.staffing(antennaIds, visible, org),
    ]);

    const actors = new Map<string, ActorInfo>(
      accounts.rows.map((a) => [a.account_id, { role: a.role, displayName: a.display_name, email: a.email }]),
    );
    return buildDossier({
      meeting,
      meetings,
      units,
      perimeter,
      demands,
      staffing,
      union: organisation.rows[0]?.name ?? org,
      now,
      asOf,
      arreteAu: cutoff.toISOString(),
      recordedUpTo: recordedUpTo.toISOString(),
      known: knownAsRecorded ? 'recorded' : 'occurred',
      seal: await seal,
      composition: options.composition ?? null,
      audit: await audit.then((report) => ({
        digest: report.digest,
        checkedEvents: report.checkedEvents,
        ok: report.ok,
        problems: report.problems.length,
      })),
      redaction: options.redaction,
      actors,
      knownNames: accounts.rows.map((a) => a.display_name),
      rules: rules.rules,
      rulesSource: rules.source,
      referenceRatios: ratios.ratios,
      referenceRatiosSource: ratios.source,
    });
  }

  /** A meeting folded from its own events that happened by the cutoff (null if it did not exist yet). */
  private async meetingAsOf(meetingId: string, visible: Visibility): Promise<Meeting | null> {
    const events = await this.store.readStream(meetingStreamId(meetingId), {
      recordedUpTo: visible.recordedUpTo,
    });
    const state = events
      .filter((e) => isVisible(e.metadata.occurredAt, e.recordedAt, visible))
      .reduce(
        (s, e) => evolveMeeting(s, { type: e.type, data: e.data } as unknown as MeetingEvent),
        initialMeeting(),
      );
    return state.status === 'INITIAL' ? null : state;
  }

  private async meetingsAsOf(ids: string[], visible: Visibility): Promise<Meeting[]> {
    const meetings: Meeting[] = [];
    for (let i = 0; i < ids.length; i += STREAM_READS) {
      const batch = await Promise.all(
        ids.slice(i, i + STREAM_READS).map((id) => this.meetingAsOf(id, visible)),
      );
      meetings.push(...batch.filter((m): m is Meeting => m !== null));
    }
    return meetings;
  }

  /** The latest snapshot of each antenna of the organisation, taken by the cutoff. */
  private async staffing(
    antennaIds: string[],
    visible: Visibility,
    org: string | null,
  ): Promise<StaffingInput[]> {
    if (antennaIds.length === 0) return [];
    const { rows } = await this.db.query<{
      antenna_id: string;
      snapshot_id: string;
      as_of: string;
      lines: StaffingLine[];
      caseload: Caseload;
      assumptions: string[];
      illustrative: boolean;
    }>(
      `SELECT DISTINCT ON (antenna_id) antenna_id, snapshot_id, as_of, lines, caseload, assumptions, illustrative
         FROM rm.staffing_snapshots
        WHERE antenna_id = ANY($1::text[]) AND recorded_at <= $2 AND as_of <= $3
          AND (NOT $4::boolean OR recorded_at <= $5) AND ($6::text IS NULL OR organisation_id = $6)
        ORDER BY antenna_id, as_of DESC, revision DESC`,
      [
        antennaIds,
        visible.recordedUpTo,
        dayOf(visible.cutoff.toISOString()),
        visible.knownAsRecorded,
        visible.cutoff,
        org,
      ],
    );
    return rows.map((r) => ({
      antennaId: r.antenna_id,
      snapshotId: r.snapshot_id,
      asOf: r.as_of,
      lines: r.lines,
      caseload: r.caseload,
      assumptions: r.assumptions,
      illustrative: r.illustrative,
    }));
  }
}

/** Rows ordered by demand and revision → each demand's state folded from its events, with its history. */
const foldDemands = (rows: HistoryRow[]): DemandInput[] => {
  const demands: DemandInput[] = [];
  let current: { id: string; state: DemandState; history: HistoryEntry[] } | null = null;
  const flush = () => {
    if (current && current.state.status !== 'INITIAL')
      demands.push({ state: current.state, history: current.history });
  };
  for (const row of rows) {
    if (!current || current.id !== row.demand_id) {
      flush();
      current = { id: row.demand_id, state: initialDemand(), history: [] };
    }
    current.state = evolveDemand(current.state, {
      type: row.event_type,
      data: row.data,
    } as unknown as DemandEvent);
    current.history.push({
      revision: Number(row.revision),
      type: row.event_type,
      occurredAt:
        row.occurred_at === null
          ? null
          : typeof row.occurred_at === 'string'
            ? row.occurred_at
            : iso(row.occurred_at),
      recordedAt: typeof row.recorded_at === 'string' ? row.recorded_at : iso(row.recorded_at),
      actorId: row.actor_id,
      data: row.data,
    });
  }
  flush();
  return demands;
};
