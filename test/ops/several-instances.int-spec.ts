import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPgTestDatabase, type TestDatabase } from '../support/databases.js';

/*
 * Two application instances (dist/main.js, built by `pretest`) on one PostgreSQL. Both serve reads and writes;
 * each projection runs in exactly one of them (its session holds the projection's advisory lock). The one running
 * the projections is killed (SIGKILL) while events are being written and applied; the other takes the
 * projections over within seconds; every event is applied exactly once and both instances read the same.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SECRET = 'several-instances-test-secret-0123456789';

type Instance = { port: number; child: ChildProcess; output: string[] };

function startInstance(url: string, port: number, demo: boolean): Instance {
  const child = spawn(process.execPath, [join(root, 'dist', 'main.js')], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'test',
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      DEMO_DATA: String(demo),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'log',
      PROJECTION_BATCH_SIZE: '3',
      PROJECTION_LEASE_RETRY_MS: '500',
      DEADLINE_CHECK_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { port, child, output };
}

async function ready(instance: Instance): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${instance.port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`instance ${instance.port} not ready:\n${instance.output.join('')}`);
}

describe('Several instances on one PostgreSQL', () => {
  let database: TestDatabase;
  const instances: Instance[] = [];

  beforeAll(async () => {
    database = await createPgTestDatabase();
  });
  afterAll(async () => {
    for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
    await database.drop();
  });

  /** Application names of the sessions holding projection locks (`suivi-projections:<pid>`). */
  const holders = async (): Promise<Map<number, number>> => {
    const { rows } = await database.db.query<{ app: string; n: number }>(
      `SELECT a.application_name AS app, count(*)::int AS n
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()
          AND a.application_name LIKE 'suivi-projections:%'
        GROUP BY 1`,
    );
    return new Map(rows.map((r) => [Number(r.app.split(':')[1]), r.n]));
  };

  it('runs each projection once, survives a SIGKILL of the instance running them, reads agree', async () => {
    const a = startInstance(database.url ?? '', 3153, true);
    instances.push(a);
    await ready(a);
    const b = startInstance(database.url ?? '', 3154, false);
    instances.push(b);
    await ready(b);

    // One instance holds all seven projections; the other none.
    const before = await holders();
    expect([...before.values()]).toEqual([7]);
    const runningPid = [...before.keys()][0];
    const running = instances.find((i) => i.child.pid === runningPid);
    const other = instances.find((i) => i.child.pid !== runningPid);
    expect(running && other).toBeTruthy();

    const login = await fetch(`http://127.0.0.1:${b.port}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.local', password: 'demo' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const write = (instance: Instance, n: number) =>
      fetch(`http://127.0.0.1:${instance.port}/api/observations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          observationId: `obs-multi-${n}`,
          antennaId: 'ant-bethune',
          category: 'difficulties',
          topic: 'PARKING',
          text: `Observation ${n} écrite par l'instance ${instance.port}`,
          sentiment: 'negative',
          leadsToDemand: false,
          observedOn: '2024-01-25',
        }),
      }).then((r) => r.status);

    // Writes through both instances; the one running the projections dies in the middle of them.
    const statuses: number[] = [];
    for (let n = 0; n < 30; n++) {
      if (n === 15) running?.child.kill('SIGKILL');
      const target = n % 2 === 0 ? a : b;
      if (target.child.exitCode !== null || target.child.signalCode !== null) continue;
      statuses.push(await write(target, n));
    }
    expect(statuses.every((s) => s === 201)).toBe(true);

    // The survivor takes the projections over within seconds.
    const killedAt = Date.now();
    let after = new Map<number, number>();
    while (Date.now() - killedAt < 20_000) {
      after = await holders();
      if (after.get(other?.child.pid ?? 0) === 7) break;
      await sleep(200);
    }
    expect([...after.entries()]).toEqual([[other?.child.pid, 7]]);
    const takeoverMs = Date.now() - killedAt;
    console.log(`projections taken over in ${takeoverMs} ms after SIGKILL`);

    // More writes through the survivor, then every read model catches up.
    for (let n = 30; n < 36; n++) expect(await write(other as Instance, n)).toBe(201);
    const head = (
      await database.db.query<{ position: string }>(
        `SELECT max(lpad(transaction_id::text, 20, '0') || ':' || lpad(global_position::text, 20, '0')) AS position FROM es.events`,
      )
    ).rows[0]?.position;
    for (let i = 0; i < 300; i++) {
      const { rows } = await database.db.query<{ behind: number }>(
        `SELECT count(*)::int AS behind FROM es.checkpoints WHERE position IS NULL OR position < $1`,
        [head],
      );
      if (rows[0]?.behind === 0) break;
      await sleep(100);
    }

    // Exactly once: one read-model row per observation event, no dead letter, every checkpoint at the head.
    const observations = await database.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rm.observations WHERE observation_id LIKE 'obs-multi-%'`,
    );
    const recorded = await database.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM es.events WHERE stream_id LIKE 'observation-obs-multi-%'`,
    );
    expect(observations.rows[0]?.n).toBe(recorded.rows[0]?.n);
    expect(recorded.rows[0]?.n).toBe(statuses.length + 6);
    const dead = await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM es.dead_letters`);
    expect(dead.rows[0]?.n).toBe(0);
    const checkpoints = await database.db.query<{ position: string }>(
      `SELECT DISTINCT position FROM es.checkpoints`,
    );
    expect(checkpoints.rows).toEqual([{ position: head }]);

    // A second survivor instance reads what the first one reads.
    const c = startInstance(database.url ?? '', 3155, false);
    instances.push(c);
    await ready(c);
    const read = async (instance: Instance): Promise<unknown> => {
      const response = await fetch(
        `http://127.0.0.1:${instance.port}/api/observations?antennaId=ant-bethune&limit=200`,
        {
          headers: { Authorization: `Bearer ${accessToken}` },
        },
      );
      return response.json();
    };
    expect(await read(c)).toEqual(await read(other as Instance));
    const listed = (await read(other as Instance)) as { items: { id: string }[] };
    expect(listed.items.filter((item) => item.id.startsWith('obs-multi-'))).toHaveLength(
      recorded.rows[0]?.n ?? -1,
    );
  }, 300_000);
});
