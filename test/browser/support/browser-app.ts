import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The application as the README starts it: built `node dist/main.js`, embedded store with the demo data. */
export type RunningApp = { url: string; dataDir: string; stop: () => Promise<void>; logs: () => string };

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * The first free port from `first` (default BROWSER_TEST_PORT, else 3101): predictable on a shared machine. A spec
 * may pass its own first port so that specs run at the same time do not race for the same one.
 */
const freePort = async (first = Number(process.env.BROWSER_TEST_PORT ?? 3101)): Promise<number> => {
  for (let port = first; port < first + 200; port++) if (await portIsFree(port)) return port;
  throw new Error(`No free port from ${first}`);
};

export async function startApp(options: { firstPort?: number } = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'web-browser-'));
  const port = await freePort(options.firstPort);
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  // The README's start command: no PostgreSQL, no EventStoreDB, demo data on the embedded store.
  delete env.DATABASE_URL;
  delete env.EVENTSTORE_URL;
  delete env.DEMO_DATA;
  delete env.NODE_OPTIONS;
  env.NODE_ENV = 'development';
  env.LOG_FORMAT = 'json';
  const child: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Generous: the machine running the tests may be busy (the first start also migrates and loads the demo data).
  const deadline = Date.now() + Number(process.env.BROWSER_START_TIMEOUT_MS ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The application stopped at start:\n${output}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The application did not answer /health in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    dataDir,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
