import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPgTestDatabase, type TestDatabase } from '../support/databases.js';

/*
 * The command-line tools read `.env` through the application's one configuration loader: with DATABASE_URL in
 * `.env` (and not in the environment), every tool works on PostgreSQL, never on the embedded store. They run from
 * dist/ (built by `pretest`), in a working directory that holds only that `.env`.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Run = { code: number | null; stdout: string; stderr: string };

/** Runs a compiled CLI in `cwd`, with the environment minus any storage setting. */
export function runCli(script: string, args: string[], cwd: string, input?: string): Promise<Run> {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'EVENTSTORE_URL', 'ENV_FILE', 'NODE_OPTIONS'])
    delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist', 'cli', script), ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('command-line tools and .env', () => {
  let database: TestDatabase;
  let cwd: string;

  beforeAll(async () => {
    database = await createPgTestDatabase();
    cwd = await mkdtemp(join(tmpdir(), 'ops-cli-'));
    // DATA_DIR points where the embedded store would appear if a tool ignored DATABASE_URL.
    await writeFile(join(cwd, '.env'), `DATABASE_URL=${database.url}\nDATA_DIR=./embedded\n`);
  });

  afterAll(async () => {
    await database.drop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('db:migrate migrates PostgreSQL', async () => {
    const run = await runCli('migrate.js', [], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^postgres: schema version \d+ → \d+/);
    expect(run.stderr).toContain('db:migrate: PostgreSQL');
  });

  it('demo:load records the demo data in PostgreSQL', async () => {
    const run = await runCli('load-demo.js', [], cwd);
    expect(run.code).toBe(0);
    const { rows } = await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM es.events`);
    expect(rows[0]?.n).toBeGreaterThan(50);
  });

  it('user:create makes the account in PostgreSQL', async () => {
    const run = await runCli(
      'create-user.js',
      ['--email', 'admin@example.org', '--organisation', 'org-env'],
      cwd,
      'a-long-enough-password\n',
    );
    expect(run.stderr).toContain('user:create: PostgreSQL');
    expect(run.code).toBe(0);
    const { rows } = await database.db.query(
      `SELECT role FROM app.accounts WHERE email = 'admin@example.org'`,
    );
    expect(rows).toEqual([{ role: 'admin' }]);
  });

  it('audit:verify walks the PostgreSQL chains', async () => {
    const run = await runCli('audit-verify.js', [], cwd);
    expect(run.stderr).toContain('audit:verify: PostgreSQL');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true });
  });

  it('projections:rebuild rebuilds the PostgreSQL read models', async () => {
    await database.db.query(`DELETE FROM rm.demand_status`);
    const run = await runCli('rebuild-projections.js', [], cwd);
    expect(run.stderr).toContain('projections:rebuild: PostgreSQL');
    expect(run.code).toBe(0);
    const { rows } = await database.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rm.demand_status`,
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it('no tool created an embedded store', () => {
    expect(existsSync(join(cwd, 'embedded'))).toBe(false);
  });

  it('a variable of the environment wins over .env', async () => {
    const run = await runCli('migrate.js', [], cwd);
    expect(run.code).toBe(0);
    const env = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'migrate.js')], {
        cwd,
        env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout: '', stderr }));
    });
    expect(env.code).not.toBe(0);
    expect(env.stderr).toContain('127.0.0.1:1/none');
  });

  it.each([
    ['migrate.js', 'db:migrate'],
    ['load-demo.js', 'demo:load'],
    ['create-user.js', 'user:create'],
    ['audit-verify.js', 'audit:verify'],
    ['rebuild-projections.js', 'projections:rebuild'],
  ])('%s answers --help and refuses an unknown option', async (script, name) => {
    const help = await runCli(script, ['--help'], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`usage: npm run ${name}`);
    const bad = await runCli(script, ['--no-such-option'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${name}: Unknown option '--no-such-option'`);
    expect(bad.stderr).toContain('--help');
  });

  it('names a bad value', async () => {
    const run = await runCli('audit-verify.js', ['--recorded-up-to', 'yesterday'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--recorded-up-to: not a date: yesterday');
    const role = await runCli(
      'create-user.js',
      ['--email', 'a@b.fr', '--organisation', 'o', '--role', 'boss'],
      cwd,
    );
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role must be one of');
  });
});
