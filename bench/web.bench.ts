import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fmt, markdownTable } from './bench-support.js';

/**
 * `npm run bench:web`: every web page rendered on the demo data, timed over loopback against the JSON API calls that
 * carry the same data (fetched in parallel, as the page's controller does), interleaved in the same run. The app runs
 * as the README starts it (`node dist/main.js`, embedded store, demo data). Prints p50/p95 per page next to its API
 * baseline and their ratio; the target is a page p95 under 150 ms on this machine. A benchmark, not a test.
 *
 * BENCH_ROUNDS (default 30), BENCH_PORT (default 3113).
 */

const ROUNDS = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 30));
const PORT = Number(process.env.BENCH_PORT ?? 3113);
const URL_BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { email: 'admin@demo.local', password: process.env.DEMO_PASSWORD ?? 'demo' };

type Case = { page: string; path: string; api: string[] };

const start = async (): Promise<{ child: ChildProcess; dataDir: string }> => {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'bench-web-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  delete env.EVENTSTORE_URL;
  delete env.NODE_OPTIONS;
  env.LOG_LEVEL = 'warn';
  const child = spawn(process.execPath, ['dist/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the application stopped at start');
    try {
      if ((await fetch(`${URL_BASE}/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('the application did not start within 180 s');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { child, dataDir };
};

const timed = async (run: () => Promise<unknown>): Promise<number> => {
  const t0 = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

const main = async (): Promise<void> => {
  const { child, dataDir } = await start();
  try {
    const login = await fetch(`${URL_BASE}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`login: ${login.status}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = async (path: string): Promise<void> => {
      const response = await fetch(`${URL_BASE}${path}`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      await response.text();
    };
    const api = async (path: string): Promise<unknown> => {
      const response = await fetch(`${URL_BASE}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      return response.json();
    };
    const antennas = ((await api('/api/antennas')) as { items: { id: string }[] }).items.map((a) => a.id);
    const demands = (await api('/api/demands?limit=200')) as { items: { id: string; antennaId: string }[] };
    const demand = demands.items[0]?.id ?? '';
    const meetings = ((await api('/api/meetings')) as { items: { id: string; status: string }[] }).items;
    const meeting = meetings.find((m) => m.status === 'SCHEDULED')?.id ?? meetings[0]?.id ?? '';
    const visits = ((await api('/api/visits')) as { items: { visitId: string; status: string }[] }).items;
    const visit = visits.find((v) => v.status === 'CONDUCTED')?.visitId ?? '';
    const antenna = antennas.includes('ant-bethune') ? 'ant-bethune' : (antennas[0] ?? '');
    const cases: Case[] = [
      {
        page: 'Accueil',
        path: '/',
        api: [
          '/api/antennas',
          '/api/follow-ups/overdue',
          '/api/meetings?limit=200',
          '/api/deadline-rules',
          ...antennas.map((id) => `/api/antennas/${id}/dashboard`),
        ],
      },
      {
        page: 'Antenne',
        path: `/antennes/${antenna}`,
        api: [
          `/api/antennas/${antenna}/dashboard`,
          `/api/demands?antennaId=${antenna}&limit=200`,
          `/api/observations?antennaId=${antenna}`,
        ],
      },
      { page: 'Revendications', path: '/revendications', api: ['/api/demands', '/api/antennas'] },
      {
        page: 'Fiche revendication',
        path: `/revendications/${demand}`,
        api: [
          `/api/demands/${demand}`,
          `/api/demands/${demand}/history`,
          '/api/antennas',
          '/api/observations',
        ],
      },
      { page: 'Visite (accueil)', path: '/visite', api: ['/api/antennas', '/api/visits'] },
      {
        page: 'Visite (saisie)',
        path: `/visite/${visit}`,
        api: [
          `/api/visits/${visit}`,
          '/api/antennas',
          `/api/observations?visitId=${visit}`,
          `/api/demands?antennaId=${antenna}&limit=200`,
        ],
      },
      { page: 'Instances', path: '/instances', api: ['/api/meetings?limit=200', '/api/deadline-rules'] },
      {
        page: 'Séance CSA',
        path: `/instances/${meeting}`,
        api: [`/api/meetings/${meeting}`, '/api/demands?limit=200'],
      },
      { page: 'Intégrité', path: '/integrite', api: ['/api/audit/verify'] },
      {
        page: 'Administration',
        path: '/administration',
        api: [
          '/api/admin/accounts',
          '/api/admin/sections',
          '/api/units',
          '/api/deadline-rules',
          '/api/reference-ratios',
        ],
      },
    ];
    const results = new Map(cases.map((c) => [c.page, { page: [] as number[], api: [] as number[] }]));
    for (let round = -3; round < ROUNDS; round++) {
      for (const c of cases) {
        const pageMs = await timed(() => page(c.path));
        const apiMs = await timed(() => Promise.all(c.api.map(api)));
        if (round < 0) continue;
        results.get(c.page)?.page.push(pageMs);
        results.get(c.page)?.api.push(apiMs);
      }
    }
    const rows = cases.map((c) => {
      const r = results.get(c.page) ?? { page: [], api: [] };
      const p95 = quantile(r.page, 0.95);
      return [
        c.page,
        fmt(quantile(r.page, 0.5), 1),
        fmt(p95, 1),
        fmt(quantile(r.api, 0.5), 1),
        fmt(quantile(r.api, 0.95), 1),
        fmt(quantile(r.page, 0.5) / quantile(r.api, 0.5), 2),
        p95 < 150 ? 'oui' : 'NON',
      ];
    });
    const load = os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ');
    const table = markdownTable(
      ['page', 'page p50 ms', 'page p95 ms', 'API p50 ms', 'API p95 ms', 'page/API p50', 'p95 < 150 ms'],
      rows,
    );
    const report = `bench:web — ${ROUNDS} rounds, ${os.cpus().length} CPU, load ${load}\n\n${table}\n`;
    console.log(report);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(join('bench-results', `web-${new Date().toISOString().replace(/[:.]/g, '-')}.md`), report);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    rmSync(dataDir, { recursive: true, force: true });
  }
};

await main();
