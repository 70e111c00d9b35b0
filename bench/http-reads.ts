import pg from 'pg';
import { closedLoop, fmt, fmtInt, fmtRatio, type LoadResult, markdownTable } from './bench-support.js';

/**
 * Reads over HTTP (bench:http), each next to a raw `pg` SELECT of the same rows measured in the same run at the
 * same concurrency: what the application adds to the database's own cost (guard, query bus, views, JSON).
 */

export type ReadPoint = {
  id: string;
  route: string;
  connections: number;
  http: LoadResult & { rps: number; statuses: Record<string, number> };
  raw: LoadResult & { rps: number };
};

type ReadSpec = {
  id: string;
  route: string;
  path: (n: number) => string;
  /** The SELECT of the same rows, as the handler runs it. */
  raw: (n: number) => { sql: string; params: unknown[] };
};

const ORG = (organisationId: string) => organisationId;

export function readSpecs(options: {
  demandIds: readonly string[];
  longDemandId: string;
  antennaId: string;
  organisationId: string;
}): ReadSpec[] {
  const { demandIds, longDemandId, antennaId } = options;
  const org = ORG(options.organisationId);
  const pick = (n: number) => demandIds[(n * 7919) % demandIds.length] ?? '';
  // The handler's default order (urgency), as list-demands.handler.ts writes it.
  const URGENCY = `COALESCE((awaiting_response_until < $1 OR open_commitment_due_at < $1), false) DESC,
                   CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, raised_at NULLS LAST, demand_id`;
  return [
    {
      id: 'get-demand',
      route: 'GET /api/demands/:id',
      path: (n) => `/api/demands/${pick(n)}`,
      raw: (n) => ({
        sql: `SELECT state, revision::text AS revision FROM rm.demand_status
               WHERE demand_id = $1 AND ($2::text IS NULL OR organisation_id = $2)`,
        params: [pick(n), org],
      }),
    },
    {
      id: 'list-50',
      route: 'GET /api/demands?antennaId=…&status=SUBMITTED&status=RAISED&limit=50',
      path: () => `/api/demands?antennaId=${antennaId}&status=SUBMITTED&status=RAISED&limit=50`,
      raw: () => ({
        sql: `WITH page AS (
                SELECT demand_id, count(*) OVER () AS total FROM rm.demand_status
                 WHERE organisation_id = $2 AND antenna_id = $3 AND status = ANY($4::text[])
                 ORDER BY ${URGENCY} LIMIT 50
              )
              SELECT state, revision::text AS revision, page.total::text AS total
                FROM page JOIN rm.demand_status USING (demand_id) ORDER BY ${URGENCY}`,
        params: [new Date(), org, antennaId, ['SUBMITTED', 'RAISED']],
      }),
    },
    {
      id: 'dashboard',
      route: 'GET /api/antennas/:id/dashboard',
      path: () => `/api/antennas/${antennaId}/dashboard`,
      // Its largest read: the antenna's demands (the dashboard also reads units, staffing and visits).
      raw: () => ({
        sql: `SELECT state, revision::text AS revision FROM rm.demand_status
               WHERE organisation_id = $1 AND antenna_id = $2`,
        params: [org, antennaId],
      }),
    },
    {
      id: 'history-100',
      route: 'GET /api/demands/:id/history (100 events)',
      path: () => `/api/demands/${longDemandId}/history`,
      raw: () => ({
        sql: `SELECT revision::text AS revision, event_id::text AS event_id, event_type, occurred_at, recorded_at,
                     actor_id, data
                FROM rm.demand_history WHERE demand_id = $1 AND ($2::text IS NULL OR organisation_id = $2)
               ORDER BY revision`,
        params: [longDemandId, org],
      }),
    },
  ];
}

/** Both arms of one read at `connections`, HTTP first, then the raw SELECT, `seconds` each after a warm-up. */
export async function measureRead(
  spec: ReadSpec,
  options: {
    baseUrl: string;
    headers: Record<string, string>;
    databaseUrl: string;
    connections: number;
    seconds: number;
    warmupSeconds: number;
  },
): Promise<ReadPoint> {
  const statuses: Record<string, number> = {};
  let n = 0;
  const httpOp = async () => {
    const response = await fetch(`${options.baseUrl}${spec.path(n++)}`, { headers: options.headers });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status !== 200) throw new Error(`${spec.route}: HTTP ${response.status}`);
    return 1;
  };
  await closedLoop(options.connections, options.warmupSeconds, httpOp);
  for (const key of Object.keys(statuses)) delete statuses[key];
  const http = await closedLoop(options.connections, options.seconds, httpOp);

  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.connections });
  try {
    let m = 0;
    const rawOp = async () => {
      const { sql, params } = spec.raw(m++);
      const { rows } = await pool.query(sql, params);
      JSON.stringify(rows); // what a route does with its rows before answering
      return 1;
    };
    await closedLoop(options.connections, options.warmupSeconds, rawOp);
    const raw = await closedLoop(options.connections, options.seconds, rawOp);
    return {
      id: spec.id,
      route: spec.route,
      connections: options.connections,
      http: { ...http, rps: http.ops / http.elapsedS, statuses: { ...statuses } },
      raw: { ...raw, rps: raw.ops / raw.elapsedS },
    };
  } finally {
    await pool.end();
  }
}

export function readsTable(points: readonly ReadPoint[]): string {
  return markdownTable(
    [
      'read',
      'clients',
      'HTTP 200/s',
      'p50 ms',
      'p99 ms',
      'raw SELECT/s',
      'raw p99 ms',
      'HTTP ÷ raw',
      'errors',
    ],
    points.map((p) => [
      p.route,
      p.connections,
      fmtInt(p.http.rps),
      fmt(p.http.p50Ms),
      fmt(p.http.p99Ms),
      fmtInt(p.raw.rps),
      fmt(p.raw.p99Ms),
      fmtRatio(p.http.rps / p.raw.rps),
      p.http.errors.length + p.raw.errors.length === 0
        ? 'none'
        : [...p.http.errors, ...p.raw.errors].slice(0, 2).join('; '),
    ]),
  );
}
