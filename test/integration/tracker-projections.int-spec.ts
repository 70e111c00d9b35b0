import { randomUUID } from 'node:crypto';
import { type Database } from '../../src/infrastructure/database/database.js';
import { type EventMetadata } from '../../src/infrastructure/event-store/event-store.js';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store.js';
import { type EventSource, type Projection } from '../../src/infrastructure/projections/projection.js';
import { ProjectionRunner, resetProjection } from '../../src/infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '../../src/infrastructure/projections/sql-event-source.js';
import { demandHistoryProjection } from '../../src/demands/demand-history/demand-history.projection.js';
import { demandStatusProjection } from '../../src/demands/demand-status/demand-status.projection.js';
import { demandStreamId } from '../../src/demands/domain/demand.js';
import { observationStreamId } from '../../src/observations/domain/observation.js';
import { observationsProjection } from '../../src/observations/observations/observations.projection.js';
import { unitStreamId } from '../../src/units/domain/unit.js';
import { visitStreamId } from '../../src/units/domain/visit.js';
import { staffingSnapshotsProjection } from '../../src/units/staffing-snapshots/staffing-snapshots.projection.js';
import { unitsProjection } from '../../src/units/units/units.projection.js';
import { visitsProjection } from '../../src/units/visits/visits.projection.js';
import { type Event } from '../../src/shared/event.js';
import { backends, type TestDatabase } from '../support/databases.js';
import {
  DEMAND_ID,
  OTHER_DEMAND_ID,
  T,
  commitmentMade,
  demandRaised,
  demandSubmitted,
  managementDeferred,
  managementResponseReceived,
  progressReported,
} from '../support/builders/demand.events.js';
import {
  OBSERVATION_ID,
  observationCorrected,
  observationRecorded,
  observationWithdrawn,
} from '../support/builders/observation.js';
import {
  bethuneSnapshot,
  longuenesseSnapshot,
  staffingSnapshotRecorded,
  unitRegistered,
  visitConducted,
  visitPlanned,
} from '../support/builders/units.js';

/**
 * Each read model of the tracker, given events appended with the SQL event store and a checkpointed runner:
 * the rows it yields, and the same rows again after a reset and a replay (in small batches).
 */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ACTOR = 'secretaire FO SPIP 62';
const POSITIVE_ID = 'obs-L11';
const UNION = 'fo-justice-cpip';

/** Catches up until the checkpoint reaches `position` (a single catchUp may stop short while another session holds the snapshot back). */
const catchUpTo = async (runner: ProjectionRunner, position: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    await runner.catchUp();
    const stored = await runner.storedPosition();
    if (stored !== undefined && stored >= position) return;
    if (Date.now() > deadline) throw new Error(`checkpoint ${stored} did not reach ${position}`);
    await sleep(20);
  }
};

const units = [
  unitRegistered({
    unitId: 'dap',
    kind: 'DAP',
    name: "Direction de l'administration pénitentiaire",
    parentId: undefined,
    milieu: undefined,
  }),
  unitRegistered({
    unitId: 'disp-lille',
    kind: 'DISP',
    name: 'DISP de Lille',
    parentId: 'dap',
    milieu: undefined,
  }),
  unitRegistered({
    unitId: 'spip-62',
    kind: 'SPIP',
    name: 'SPIP du Pas-de-Calais (62)',
    parentId: 'disp-lille',
    milieu: undefined,
  }),
  unitRegistered(),
  unitRegistered({
    unitId: 'ant-longuenesse',
    name: 'ALIP du CP de Longuenesse',
    milieu: 'MF',
    establishment: 'CP de Longuenesse',
  }),
];

/** [stream, events]: appended in this order, one append per entry. */
const scenario: [string, Event[]][] = [
  ...units.map((event): [string, Event[]] => [unitStreamId(event.data.unitId), [event]]),
  [
    unitStreamId('ant-bethune'),
    [
      staffingSnapshotRecorded({
        snapshotId: 'snap-2023',
        asOf: '2023-06-01',
        caseload: { ppsmjPerCpipEtp: 95 },
      }),
      staffingSnapshotRecorded(),
    ],
  ],
  [
    unitStreamId('ant-longuenesse'),
    // The same snapshot id as Béthune's: ids are unique per antenna only.
    [
      staffingSnapshotRecorded({
        unitId: 'ant-longuenesse',
        ...longuenesseSnapshot(),
        snapshotId: bethuneSnapshot().snapshotId,
      }),
    ],
  ],
  [visitStreamId('visit-fo-2024-01'), [visitPlanned()]],
  [visitStreamId('visit-fo-2024-01'), [visitConducted()]],
  [
    visitStreamId('visit-fo-2024-01'),
    [visitConducted({ antennaId: 'ant-bethune', conductedOn: '2024-01-25', sourceRef: 'src-fo' })],
  ],
  [
    visitStreamId('act-X1'),
    [visitPlanned({ visitId: 'act-X1', antennaIds: ['ant-saint-omer'], plannedFor: undefined })],
  ],
  [observationStreamId(OBSERVATION_ID), [observationRecorded()]],
  [observationStreamId(OBSERVATION_ID), [observationCorrected()]],
  [observationStreamId(OBSERVATION_ID), [observationWithdrawn()]],
  [
    observationStreamId(POSITIVE_ID),
    [
      observationRecorded({
        observationId: POSITIVE_ID,
        topic: 'CLIMATE',
        category: 'hr',
        text: 'Bon esprit d’équipe.',
        facts: [],
        sentiment: 'positive',
        legalRefs: [],
        leadsToDemand: false,
      }),
    ],
  ],
  [demandStreamId(DEMAND_ID), [demandRaised(), demandSubmitted()]],
  [
    demandStreamId(DEMAND_ID),
    [
      managementDeferred(),
      managementDeferred({
        responseId: 'resp-2',
        respondedAt: '2024-05-20T09:00:00.000Z',
        newDueAt: '2024-07-01T00:00:00.000Z',
      }),
    ],
  ],
  [
    demandStreamId(OTHER_DEMAND_ID),
    [
      demandRaised({
        demandId: OTHER_DEMAND_ID,
        antennaId: 'ant-longuenesse',
        // Recorded with a version-1 heading: read through the upcaster as a thematic category.
        category: 'premises_security' as never,
        legalBases: undefined,
      }),
      demandSubmitted({ demandId: OTHER_DEMAND_ID }),
      managementResponseReceived({ demandId: OTHER_DEMAND_ID }),
      commitmentMade({ demandId: OTHER_DEMAND_ID }),
      progressReported({ demandId: OTHER_DEMAND_ID }),
    ],
  ],
];

const TABLES: [Projection, string][] = [
  [unitsProjection, 'SELECT * FROM rm.units ORDER BY unit_id'],
  [staffingSnapshotsProjection, 'SELECT * FROM rm.staffing_snapshots ORDER BY antenna_id, snapshot_id'],
  [visitsProjection, 'SELECT * FROM rm.visits ORDER BY visit_id, antenna_id'],
  [observationsProjection, 'SELECT * FROM rm.observations ORDER BY observation_id'],
  [demandStatusProjection, 'SELECT * FROM rm.demand_status ORDER BY demand_id'],
  [demandHistoryProjection, 'SELECT * FROM rm.demand_history ORDER BY demand_id, revision'],
];

describe.each(backends)('Tracker projections (%s)', (_name, create) => {
  let t: TestDatabase;
  let db: Database;
  let source: SqlEventSource;
  let head: string;
  const rows = new Map<string, Record<string, unknown>[]>();

  const rowsOf = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows;

  beforeAll(async () => {
    t = await create();
    db = t.db;
    const store = new SqlEventStore(db);
    source = new SqlEventSource(db);
    for (const [streamId, events] of scenario) {
      const result = await store.appendToStream(
        streamId,
        'any',
        events.map((event) => ({
          eventId: randomUUID(),
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: {
            actorId: ACTOR,
            occurredAt: (event.data as { occurredAt?: string }).occurredAt ?? '',
            // Recorded by an account of the union, except the observations (recorded before accounts existed).
            ...(streamId.startsWith('observation-') ? {} : { organisationId: UNION }),
          },
        })),
      );
      head = result.position;
    }
    for (const [projection, sql] of TABLES) {
      const runner = new ProjectionRunner(db, source, projection);
      await runner.register();
      await catchUpTo(runner, head);
      rows.set(projection.name, await rowsOf(sql));
    }
  });
  afterAll(() => t.drop());

  const rowsFor = (projection: Projection) => rows.get(projection.name) ?? [];

  it("every row carries the organisation of the events that built it ('default' before accounts)", () => {
    for (const projection of [unitsProjection, staffingSnapshotsProjection, visitsProjection]) {
      expect(new Set(rowsFor(projection).map((r) => r.organisation_id))).toEqual(new Set([UNION]));
    }
    expect(new Set(rowsFor(observationsProjection).map((r) => r.organisation_id))).toEqual(
      new Set(['default']),
    );
  });

  it('units: one row per unit with its kind, parent, milieu and establishment', () => {
    expect(rowsFor(unitsProjection).map((r) => [r.unit_id, r.kind, r.parent_id, r.milieu])).toEqual([
      ['ant-bethune', 'ANTENNA', 'spip-62', 'MO'],
      ['ant-longuenesse', 'ANTENNA', 'spip-62', 'MF'],
      ['dap', 'DAP', null, null],
      ['disp-lille', 'DISP', 'dap', null],
      ['spip-62', 'SPIP', 'disp-lille', null],
    ]);
    expect(rowsFor(unitsProjection)[1]).toMatchObject({
      name: 'ALIP du CP de Longuenesse',
      establishment: 'CP de Longuenesse',
    });
    expect(new Date(rowsFor(unitsProjection)[0]?.registered_at as Date).toISOString()).toBe(
      '2024-02-23T09:00:00.000Z',
    );
  });

  it('staffing snapshots: one row per antenna and snapshot, as recorded, with the revision that breaks ties', () => {
    const snapshots = rowsFor(staffingSnapshotsProjection);
    expect(snapshots.map((r) => [r.antenna_id, r.snapshot_id, r.as_of, String(r.revision)])).toEqual([
      ['ant-bethune', 'snap-2023', '2023-06-01', '1'],
      ['ant-bethune', 'staff-bethune-2024-01-25', '2024-01-25', '2'],
      ['ant-longuenesse', 'staff-bethune-2024-01-25', '2024-01-24', '1'],
    ]);
    expect(snapshots[1]).toMatchObject({
      lines: bethuneSnapshot().lines,
      caseload: { ppsmjPerCpipEtp: [85, 90], peopleUnderElectronicMonitoring: 150 },
      assumptions: ['Environ 150 bracelets le jour de la visite.'],
      illustrative: false,
    });
  });

  it('visits: one row per visit and antenna, planned and conducted dates kept side by side', () => {
    expect(
      rowsFor(visitsProjection).map((r) => [
        r.visit_id,
        r.antenna_id,
        r.planned,
        r.planned_for,
        r.conducted_on,
        r.source_ref,
      ]),
    ).toEqual([
      ['act-X1', 'ant-saint-omer', true, null, null, null],
      ['visit-fo-2024-01', 'ant-bethune', true, '2024-01-24', '2024-01-25', 'src-fo'],
      ['visit-fo-2024-01', 'ant-longuenesse', true, '2024-01-24', '2024-01-24', null],
    ]);
  });

  it('observations: the current values, withdrawn, and a history that keeps what each correction replaced', () => {
    const [withdrawn, positive] = rowsFor(observationsProjection);
    expect(withdrawn).toMatchObject({
      observation_id: OBSERVATION_ID,
      antenna_id: 'ant-longuenesse',
      category: 'difficulties',
      sentiment: 'negative',
      leads_to_demand: true,
      withdrawn: true,
      observed_on: '2024-01-24',
      state: {
        status: 'WITHDRAWN',
        text: 'Rôle de la CAP LSC reçu 10 jours avant la séance.',
        correctionCount: 1,
        withdrawalReason: 'Doublon',
      },
    });
    expect(String(withdrawn?.revision)).toBe('2');
    const history = withdrawn?.history as {
      revision: number;
      type: string;
      actor: string;
      data: Record<string, unknown>;
    }[];
    expect(history.map((h) => [h.revision, h.type, h.actor])).toEqual([
      [0, 'ObservationRecorded', ACTOR],
      [1, 'ObservationCorrected', ACTOR],
      [2, 'ObservationWithdrawn', ACTOR],
    ]);
    expect(history[1]?.data).toMatchObject({
      text: 'Rôle de la CAP LSC reçu 10 jours avant la séance.',
      reason: 'Coquille',
      previous: { text: observationRecorded().data.text },
    });
    expect(positive).toMatchObject({
      observation_id: POSITIVE_ID,
      sentiment: 'positive',
      leads_to_demand: false,
      withdrawn: false,
    });
  });

  it('demand status: the folded state and the columns lists filter on', () => {
    const [deferred, committed] = [...rowsFor(demandStatusProjection)].sort((a, b) =>
      a.demand_id === DEMAND_ID ? -1 : b.demand_id === DEMAND_ID ? 1 : 0,
    );
    expect(deferred).toMatchObject({
      demand_id: DEMAND_ID,
      antenna_id: 'ant-bethune',
      status: 'RESPONSE_RECEIVED',
      times_asked: 1,
      state: { deferCount: 2, suggestAgendaItem: true, lastResponse: { stance: 'defer' } },
    });
    expect(new Date(deferred?.awaiting_response_until as Date).toISOString()).toBe(
      '2024-07-01T00:00:00.000Z',
    );
    expect(String(deferred?.revision)).toBe('3');
    expect(committed).toMatchObject({
      demand_id: OTHER_DEMAND_ID,
      antenna_id: 'ant-longuenesse',
      category: 'staffing_recruitment',
      status: 'IN_PROGRESS',
      awaiting_response_until: null,
    });
    expect(new Date(committed?.open_commitment_due_at as Date).toISOString()).toBe(T.commitmentDue);
  });

  it('demand history: every event of every demand, with who and when', () => {
    const history = rowsFor(demandHistoryProjection);
    expect(history.filter((r) => r.demand_id === DEMAND_ID).map((r) => r.event_type)).toEqual([
      'DemandRaised',
      'DemandSubmitted',
      'ManagementResponseReceived',
      'ManagementResponseReceived',
    ]);
    expect(history.filter((r) => r.demand_id === OTHER_DEMAND_ID)).toHaveLength(5);
    expect(history[0]).toMatchObject({ actor_id: ACTOR, data: { demandId: expect.any(String) } });
    expect(
      new Date(history.find((r) => r.event_type === 'DemandSubmitted')?.occurred_at as Date).toISOString(),
    ).toBe(T.submitted);
  });

  it.each(TABLES.map(([projection, sql]) => [projection.name, projection, sql] as const))(
    '%s: a reset and a replay in small batches yield identical rows',
    async (_projectionName, projection, sql) => {
      const before = await rowsOf(sql);
      expect(before.length).toBeGreaterThan(0);
      await resetProjection(db, projection);
      expect(await rowsOf(sql)).toEqual([]);
      await catchUpTo(new ProjectionRunner(db, source, projection, { batchSize: 3 }), head);
      expect(await rowsOf(sql)).toEqual(before);
    },
  );
});

/**
 * demand_history is copied by the database from `es.events` when the events live there (`applyInStore`), and built
 * from the decoded events otherwise (EventStoreDB): both paths must give the same rows, whatever the metadata holds.
 */
describe.each(backends)('Demand history copied in the database (%s)', (_name, create) => {
  let t: TestDatabase;
  afterAll(() => t?.drop());

  it('When the same events are projected both ways, then the rows are identical, metadata gaps included', async () => {
    t = await create();
    const store = new SqlEventStore(t.db);
    const source = new SqlEventSource(t.db);
    const metadataOf: EventMetadata[] = [
      { actorId: ACTOR, occurredAt: T.raised, organisationId: UNION },
      {}, // no actor, no organisation, the occurred time only in the data
      { actorId: 'acct-2', occurredAt: '2024-05-20T09:00:00+02:00' },
      { organisationId: 'other-union', occurredAt: '2024-06-01' },
    ];
    for (let i = 0; i < 12; i++) {
      const demandId = `dem-copy-${i}`;
      const events = [
        demandRaised({ demandId }),
        demandSubmitted({ demandId }),
        managementDeferred({ demandId }),
      ];
      await store.appendToStream(
        demandStreamId(demandId),
        'no_stream',
        events.map((event, k) => ({
          eventId: randomUUID(),
          type: event.type,
          data: event.data,
          metadata: metadataOf[(i + k) % metadataOf.length] ?? {},
        })),
      );
    }
    // An event of a demand type without a demand id is left out on both paths.
    const head = (
      await store.appendToStream('demand-without-id', 'no_stream', [
        { eventId: randomUUID(), type: 'DemandSubmitted', data: { note: 'no id' }, metadata: {} },
      ])
    ).position;
    const sql = 'SELECT * FROM rm.demand_history ORDER BY demand_id, revision';

    await catchUpTo(new ProjectionRunner(t.db, source, demandHistoryProjection, { batchSize: 5 }), head);
    const copied = (await t.db.query<Record<string, unknown>>(sql)).rows;
    expect(copied).toHaveLength(36);
    expect(copied.some((row) => row.actor_id === null && row.organisation_id === 'default')).toBe(true);

    await resetProjection(t.db, demandHistoryProjection);
    // The same SQL events, seen as a source that does not share the database: the runner calls `apply`.
    const decoded: EventSource = {
      kind: 'eventstoredb',
      readBatch: source.readBatch.bind(source),
      readTypes: source.readTypes.bind(source),
      countAfter: source.countAfter.bind(source),
    };
    await catchUpTo(new ProjectionRunner(t.db, decoded, demandHistoryProjection, { batchSize: 5 }), head);
    expect((await t.db.query<Record<string, unknown>>(sql)).rows).toEqual(copied);
  });
});
