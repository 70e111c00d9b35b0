import pg from 'pg';

// Self-contained: Jest loads global setup outside the module mapper.
const adminUrl = (): string => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Fails fast, with a clear message, when the test PostgreSQL cannot be reached (no suite is silently skipped). */
export default async function globalSetup(): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `Tests need PostgreSQL at ${adminUrl()} (set DATABASE_URL): ${(error as Error).message}. ` +
        `Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
