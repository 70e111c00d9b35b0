import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database } from '../../src/infrastructure/database/database.js';
import { PgliteDatabase } from '../../src/infrastructure/database/pglite-database.js';
import { createPgTestDatabase, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/cli.js';

/*
 * `store:copy` from the embedded store holding the demo data to PostgreSQL, killed (SIGKILL) in the middle of the
 * copy, then resumed: every event once, the audit trail ok on the target, the same digest and the same demand
 * histories on both. Runs the compiled CLIs (dist/, built by `pretest`).
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const EVENTS = `SELECT stream_id, revision::text, event_id::text, event_type, schema_version, data::text, metadata::text,
                       recorded_at, prev_hash, hash
                  FROM es.events ORDER BY stream_id, revision`;
const HISTORIES = `SELECT demand_id, revision::text, event_id::text, event_type, occurred_at, recorded_at, actor_id,
                          data::text, organisation_id
                     FROM rm.demand_history ORDER BY demand_id, revision`;

describe('store:copy, embedded → PostgreSQL, killed and resumed', () => {
  let cwd: string;
  let target: TestDatabase;
  const count = async (db: Database) =>
    Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM es.events`)).rows[0]?.n);

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ops-copy-'));
    target = await createPgTestDatabase();
    await writeFile(join(cwd, '.env'), `DATA_DIR=./laptop\n`);
    const demo = await runCli('load-demo.js', [], cwd);
    expect(demo.code).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await target.drop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('copies every event once, with its hash chain, after a SIGKILL in the middle', async () => {
    const args = ['--from', join(cwd, 'laptop'), '--to', target.url ?? '', '--batch-size', '4'];
    const child = spawn(
      process.execPath,
      [join(root, 'dist', 'cli', 'store-copy.js'), ...args, '--throttle-ms', '400'],
      {
        cwd,
        stdio: 'ignore',
      },
    );
    let seen = 0;
    for (let i = 0; i < 600 && seen === 0; i++) {
      await sleep(50);
      seen = await count(target.db);
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const afterKill = await count(target.db);
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(78);
    // The cursor moved with the events: the copy knows exactly what it wrote.
    const marker = await target.db.query<{ copied: string; finished: boolean }>(
      `SELECT copied::text AS copied, finished_at IS NOT NULL AS finished FROM es.copied_from`,
    );
    expect(marker.rows).toEqual([{ copied: String(afterKill), finished: false }]);

    const resumed = await runCli('store-copy.js', args, cwd);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`(${afterKill} already copied)`);
    expect(resumed.stdout).toContain('Audit trail on the target: ok (78 events');
    expect(resumed.stdout).toMatch(/Digest of the source: [0-9a-f]{64} \(identical\)/);

    const verify = await runCli('audit-verify.js', [], cwd, undefined, {
      DATABASE_URL: target.url ?? '',
    });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, checkedEvents: 78 });

    const laptop = await PgliteDatabase.open(join(cwd, 'laptop'));
    try {
      const [sourceEvents, targetEvents] = [await laptop.query(EVENTS), await target.db.query(EVENTS)];
      expect(targetEvents.rows).toHaveLength(78);
      expect(JSON.stringify(targetEvents.rows)).toBe(JSON.stringify(sourceEvents.rows));
      const [sourceHistories, targetHistories] = [
        await laptop.query(HISTORIES),
        await target.db.query(HISTORIES),
      ];
      expect(targetHistories.rows.length).toBeGreaterThan(19);
      expect(JSON.stringify(targetHistories.rows)).toBe(JSON.stringify(sourceHistories.rows));
    } finally {
      await laptop.close();
    }
    // The accounts came along: the demo officer can log in on the server.
    const accounts = await target.db.query(`SELECT email FROM app.accounts ORDER BY email`);
    expect(accounts.rows).toEqual([
      { email: 'admin@demo.local' },
      { email: 'delegue@demo.local' },
      { email: 'lecteur@demo.local' },
    ]);
  }, 240_000);

  it('refuses a non-empty target that is not a copy of the source, and changes nothing', async () => {
    const other = join(cwd, 'other-laptop');
    const refused = await runCli('store-copy.js', ['--from', other, '--to', target.url ?? ''], cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the target is not empty (78 events) and is not a copy of this source');
    expect(await count(target.db)).toBe(78);
  }, 240_000);

  it('names a bad argument', async () => {
    const run = await runCli('store-copy.js', ['--from', 'ftp://x', '--to', '/tmp/y'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown kind of store: ftp://x');
  }, 120_000);
});
