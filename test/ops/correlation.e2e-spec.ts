import express from 'express';
import { Writable } from 'node:stream';
import request from 'supertest';
import { accessLog } from '../../src/infrastructure/logging/access-log.js';
import { createLogger } from '../../src/infrastructure/logging/logger.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** One correlation id per request: X-Request-Id in, X-Request-Id out, in every problem+json and in the events. */
describe('Correlation id and access log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const UNIT = { unitId: 'dap', kind: 'DAP', name: "Direction de l'administration pénitentiaire" };

  it('When a command carries X-Request-Id, then the answer returns it and the recorded events carry it', async () => {
    const answer = await t.http().post('/api/units').set('X-Request-Id', 'ticket-4521.a').send(UNIT);

    expect(answer.status).toBe(201);
    expect(answer.headers['x-request-id']).toBe('ticket-4521.a');
    const { rows } = await t.database.db.query<{ cid: string }>(
      `SELECT metadata->>'correlationId' AS cid FROM es.events WHERE stream_id = 'unit-dap'`,
    );
    expect(rows).toEqual([{ cid: 'ticket-4521.a' }]);
  });

  it('When no id is given (or an unusable one), then a fresh one is made, returned and used', async () => {
    const answer = await t.http().get('/api/units');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await t.http().get('/api/units').set('X-Request-Id', 'spaces and\ttabs');
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('When a request fails, then its problem+json names the same correlation id (400, 401, 404)', async () => {
    const bad = await t.http().post('/api/units').set('X-Request-Id', 'req-400').send({ unitId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.correlationId).toBe('req-400');
    const anonymous = await request(t.app.getHttpServer()).get('/api/units').set('X-Request-Id', 'req-401');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.correlationId).toBe('req-401');
    const missing = await t.http().get('/api/demands/no-such-demand');
    expect(missing.status).toBe(404);
    expect(missing.body.correlationId).toBe(missing.headers['x-request-id']);
  });
});

describe('Access log', () => {
  const capture = () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    return { lines, stream };
  };
  const appWith = (format: 'json' | 'text') => {
    const { lines, stream } = capture();
    const app = express();
    app.use(accessLog(createLogger({ LOG_FORMAT: format, LOG_LEVEL: 'log' }, stream)));
    app.use((req, _res, next) => {
      (req as unknown as { user: object }).user = { organisationId: 'fo-justice-cpip' };
      next();
    });
    app.get('/api/demands/:id', (_req, res) => void res.status(404).json({}));
    app.get('/health', (_req, res) => void res.json({}));
    return { app, lines };
  };

  it('writes one JSON line per request: method, route, status, duration, organisation, correlation id', async () => {
    const { app, lines } = appWith('json');
    await request(app).get('/api/demands/dem-B1?x=1').set('X-Request-Id', 'abc');
    await request(app).get('/health');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 40,
      method: 'GET',
      route: '/api/demands/:id',
      status: 404,
      durationMs: expect.any(Number),
      organisation: 'fo-justice-cpip',
      correlationId: 'abc',
      msg: expect.stringMatching(/^GET \/api\/demands\/:id 404 \d+ ms$/),
    });
  });

  it('LOG_FORMAT=text writes one readable line', async () => {
    const { app, lines } = appWith('text');
    await request(app).get('/api/demands/dem-B1').set('X-Request-Id', 'abc');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: GET \/api\/demands\/:id 404 \d+ ms · fo-justice-cpip · abc$/,
    );
  });
});
