import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { defaultKeyFile } from '../audit/seals/seal-key.js';
import { verifyAuditTrail } from '../audit/verify-audit-trail/audit-trail.js';
import { openDatabase } from '../infrastructure/database/open-database.js';
import {
  BackupRefused,
  restoreEmbedded,
  rewriteTransactionIdsAfterLogicalRestore,
} from '../infrastructure/storage/store-backup.js';
import { cliConfig, fail, parseCli } from './cli.js';

/**
 * `npm run store:restore -- --from <file.tar.gz> [--force]`: restores a `store:backup` file into DATA_DIR (empty
 * or absent; --force moves a non-empty one aside), then verifies the audit trail.
 * `npm run store:restore -- --after-logical-restore`: on DATABASE_URL, after pg_restore into another cluster,
 * rewrites the stored transaction ids below the new cluster's (shared/docs/event-store.md §2.9). docs/deployment.md.
 */
const spec = {
  name: 'store:restore',
  summary:
    'Restores a store:backup file into DATA_DIR (empty or absent), then verifies the audit trail; or, with --after-logical-restore, makes a PostgreSQL database restored by pg_restore (DATABASE_URL) safe to append to.',
  options: {
    from: { type: 'string', help: 'backup file made by store:backup (embedded store)' },
    force: { type: 'boolean', help: 'restore even if DATA_DIR is not empty: it is moved aside, not deleted' },
    'after-logical-restore': {
      type: 'boolean',
      help: 'PostgreSQL (DATABASE_URL) after pg_restore: rewrite the transaction ids of the events and positions',
    },
  },
} as const;
const { values } = parseCli(spec);
const logical = values['after-logical-restore'] === true;
if (logical && values.from) fail(spec, '--from and --after-logical-restore do not go together');
if (!logical && !values.from) fail(spec, '--from is required (or --after-logical-restore for PostgreSQL)');
const config = cliConfig(spec);
if (logical && config.storage !== 'postgres')
  fail(spec, '--after-logical-restore needs DATABASE_URL (the PostgreSQL database restored by pg_restore)');
if (!logical && config.storage === 'postgres')
  fail(spec, 'DATABASE_URL is set: restore PostgreSQL with pg_restore (docs/deployment.md, "Backups")');

try {
  if (logical) {
    const db = await openDatabase(config);
    try {
      const fix = await rewriteTransactionIdsAfterLogicalRestore(db);
      console.log(
        `Transaction ids rewritten: ${fix.events} events now under ${fix.transactionIds} transaction ${fix.transactionIds === 1 ? 'id' : 'ids'} below the cluster's, ${fix.positions} positions (checkpoints, dead letters, audit ledger) follow.`,
      );
      const audit = await verifyAuditTrail(db);
      console.log(`Audit trail: ${audit.ok ? 'ok' : 'BROKEN'} (${audit.checkedEvents} events)`);
      if (!audit.ok) process.exitCode = 1;
    } finally {
      await db.close();
    }
  } else {
    const from = values.from as string;
    const { events, movedAside } = await restoreEmbedded(from, config.DATA_DIR, { force: values.force });
    if (movedAside) console.log(`The former content of ${config.DATA_DIR} is now in ${movedAside}.`);
    console.log(`Restored ${from} into ${config.DATA_DIR}: ${events} events.`);
    // The seal key is never in a backup (ADR 0012): without it, the next seals would be signed by a new key.
    const keyFile = config.AUDIT_SEAL_KEY_FILE ?? defaultKeyFile(config.DATA_DIR);
    if (!config.AUDIT_SEAL_KEY && !existsSync(keyFile))
      console.log(
        `No seal key at ${keyFile}: put the installation's key file there (or set AUDIT_SEAL_KEY_FILE) before the next start, or a new key will sign the next seals.`,
      );
    const db = await openDatabase(config);
    try {
      const audit = await verifyAuditTrail(db);
      console.log(
        `Audit trail: ${audit.ok ? 'ok' : 'BROKEN'} (${audit.checkedEvents} events, digest ${audit.digest})`,
      );
      if (!audit.ok) process.exitCode = 1;
    } finally {
      await db.close();
    }
  }
} catch (error) {
  if (!(error instanceof BackupRefused)) throw error;
  console.error(`store:restore: ${error.message}`);
  process.exitCode = 1;
}
