import { MissedDeadlinesCheck } from '../../src/deadlines/missed-deadlines.check.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('Missed deadlines are recorded once, as events', () => {
  let first: TestApp;
  let second: TestApp;
  let id: string;

  beforeAll(async () => {
    first = await createTestApp({ DEADLINE_CHECK_INTERVAL_MS: '0' });
    // A second instance of the application on the same database.
    second = await createTestApp(
      { DEADLINE_CHECK_INTERVAL_MS: '0', DATABASE_URL: first.database.url ?? '' },
      first.database,
    );
    const created = await first
      .http()
      .post('/api/demands')
      .send({
        antennaId: 'ant-bethune',
        title: 'Procédures de sécurité écrites',
        category: 'premises_security',
        explicit: false,
        priority: 'high',
        addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
        level: 'local',
        occurredAt: '2024-02-23',
      })
      .expect(201);
    id = created.body.id;
    await first
      .http()
      .post(`/api/demands/${id}/submissions`)
      .send({
        channel: 'letter',
        addressee: { role: 'DFSPIP', organisation: 'spip-62' },
        submittedAt: '2024-02-23',
        responseDueAt: '2024-03-24',
      })
      .expect(201);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('When the due date has not passed, then nothing is recorded', async () => {
    first.clock.set('2024-03-20T00:00:00Z');
    expect(await first.app.get(MissedDeadlinesCheck).run()).toBe(0);
  });

  it('When two instances run the check at the same time, then the missed deadline is recorded exactly once', async () => {
    first.clock.set('2024-04-01T00:00:00Z');
    second.clock.set('2024-04-01T00:00:00Z');
    const counts = await Promise.all([
      first.app.get(MissedDeadlinesCheck).run(),
      second.app.get(MissedDeadlinesCheck).run(),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const history = await first.http().get(`/api/demands/${id}/history`).expect(200);
    const missed = history.body.items.filter((e: { type: string }) => e.type === 'ResponseDeadlineMissed');
    expect(missed).toHaveLength(1);
    expect(missed[0].actorId).toBe('system:deadline-check');
    expect(missed[0].actor).toMatchObject({ name: 'Contrôle automatique des échéances', role: 'system' });
  });

  it('When the check runs again later, then nothing more is recorded', async () => {
    first.clock.set('2024-05-01T00:00:00Z');
    expect(await first.app.get(MissedDeadlinesCheck).run()).toBe(0);
  });
});
