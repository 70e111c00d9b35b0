import 'reflect-metadata';
import { BackupRefused, backupEmbedded } from '../infrastructure/storage/store-backup.js';
import { cliConfig, fail, parseCli } from './cli.js';

/**
 * `npm run store:backup -- --to <file.tar.gz>`: the embedded store (DATA_DIR) as one gzipped tar, PGlite's own dump
 * of its data directory. PostgreSQL has its own tools (pg_basebackup, pg_dump): docs/deployment.md, "Backups".
 */
const spec = {
  name: 'store:backup',
  summary:
    'Writes the embedded store (DATA_DIR) to one .tar.gz file (PGlite data directory dump). Stop the application first. For PostgreSQL use pg_basebackup or pg_dump (docs/deployment.md).',
  options: {
    to: { type: 'string', help: 'backup file to write (required), e.g. backup-2026-12-05.tar.gz' },
    force: { type: 'boolean', help: 'replace the file if it exists' },
  },
} as const;
const { values } = parseCli(spec);
if (!values.to) fail(spec, '--to is required');
const config = cliConfig(spec);
if (config.storage === 'postgres')
  fail(
    spec,
    'DATABASE_URL is set: back PostgreSQL up with pg_basebackup or pg_dump -Fc (docs/deployment.md, "Backups")',
  );
try {
  const { bytes, events } = await backupEmbedded(config.DATA_DIR, values.to, { force: values.force });
  console.log(`Backed up ${config.DATA_DIR} to ${values.to}: ${events} events, ${bytes} bytes.`);
} catch (error) {
  if (!(error instanceof BackupRefused)) throw error;
  console.error(`store:backup: ${error.message}`);
  process.exitCode = 1;
}
