import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The API description as served (/api/docs-json) passes `redocly lint` with its recommended rules. */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Operation = { security?: unknown[]; responses: Record<string, unknown>; operationId: string };

describe('OpenAPI description', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; servers?: unknown[] };
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    document = (await request(t.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    dir = await mkdtemp(join(tmpdir(), 'ops-openapi-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  it('lints clean with redocly (recommended rules): no error, no warning', async () => {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document, null, 2));
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'),
          'lint',
          file,
          '--config',
          join(root, 'redocly.yaml'),
          '--format',
          'stylish',
        ],
        {
          env: {
            ...process.env,
            REDOCLY_TELEMETRY: 'off',
            REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
            NODE_OPTIONS: '',
          },
        },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', (code) => resolve({ code, output }));
    });
    expect(result.output).toMatch(/Your API description is valid/);
    expect(result.output).not.toMatch(/\d+ (warning|error)s?/i);
    expect(result.code).toBe(0);
  }, 120_000);

  it('names the security of every operation: [] for public ones, bearer or cookie otherwise', () => {
    const publicOnes = operations().filter(({ operation }) => operation.security?.length === 0);
    expect(publicOnes.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      expect.arrayContaining(['get /health', 'post /api/auth/login']),
    );
    for (const { operation } of operations()) {
      expect(operation.security).toBeDefined();
      if (operation.security?.length) expect(operation.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    }
  });

  it('documents the problem+json answers: 401 on guarded operations, 400 where a body or query is read', () => {
    for (const { operation } of operations()) {
      const codes = Object.keys(operation.responses);
      expect(codes.some((code) => code.startsWith('4'))).toBe(true);
      if (operation.security?.length) expect(codes).toContain('401');
    }
    expect(document.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
  });
});
