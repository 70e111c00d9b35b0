import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Run = { code: number | null; stdout: string; stderr: string };

/** Runs a compiled CLI (dist/cli) in `cwd`, with the environment minus any storage setting. */
export function runCli(
  script: string,
  args: string[],
  cwd: string,
  input?: string,
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'EVENTSTORE_URL', 'ENV_FILE', 'NODE_OPTIONS'])
    delete env[name];
  Object.assign(env, extraEnv);
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
