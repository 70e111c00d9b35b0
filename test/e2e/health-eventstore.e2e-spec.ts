import { createServer } from 'node:net';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A local TCP port that nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * EVENTSTORE_URL selects KurrentDB for the events. No KurrentDB server is reachable from the development machines,
 * so what is tested here is the unreachable case: the application starts, and /health answers 503 with a
 * problem+json body naming the event store (its address, without password) while the SQL side stays up.
 */
describe('/health with EVENTSTORE_URL pointing at a closed port', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    url = `kurrentdb://admin:secret-password@127.0.0.1:${await closedPort()}?tls=false`;
    t = await createTestApp({
      EVENTSTORE_URL: url,
      PROJECTIONS_ENABLED: 'false',
      DEADLINE_CHECK_INTERVAL_MS: '0',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 problem+json naming the unreachable event store, and keeps every check', async () => {
    const response = await request(t.app.getHttpServer()).get('/health');
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(response.text) as {
      status: number;
      detail: string;
      checks: Record<string, { status: string; kind?: string; url?: string }>;
    };
    expect(body.status).toBe(503);
    expect(body.detail).toContain("magasin d'événements KurrentDB");
    expect(body.detail).toContain(
      `kurrentdb://admin:***@127.0.0.1:${new URL(url.replace('kurrentdb', 'http')).port}`,
    );
    expect(body.checks.eventStore).toMatchObject({ status: 'down', kind: 'kurrentdb' });
    expect(body.checks.storage).toMatchObject({ status: 'up' });
    expect(response.text).not.toContain('secret-password');
  });
});
