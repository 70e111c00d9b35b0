import 'reflect-metadata';
import { verifyAuditTrail } from '../audit/verify-audit-trail/audit-trail.js';
import { openDatabase } from '../infrastructure/database/open-database.js';
import { cliConfig, fail, parseCli } from './cli.js';

/**
 * `npm run audit:verify [-- --digest <hex> --recorded-up-to <ISO date>]`: checks every stream's hash chain and, with
 * --digest, that the events recorded up to the date still give the digest printed on a dossier. Exit 1 on problems.
 */
const spec = {
  name: 'audit:verify',
  summary: "Walks every stream's hash chain; with --digest, checks the digest printed on a dossier.",
  options: {
    digest: { type: 'string', help: 'digest printed on a dossier (hex)' },
    'recorded-up-to': { type: 'string', help: 'only the events recorded up to this ISO date' },
  },
} as const;
const { values } = parseCli(spec);
const upTo = values['recorded-up-to'] !== undefined ? new Date(values['recorded-up-to']) : undefined;
if (upTo && Number.isNaN(upTo.getTime()))
  fail(spec, `--recorded-up-to: not a date: ${values['recorded-up-to']}`);
if (values.digest !== undefined && !/^[0-9a-f]{16,128}$/i.test(values.digest))
  fail(spec, `--digest: not a hexadecimal digest: ${values.digest}`);
const db = await openDatabase(cliConfig(spec));
try {
  const report = await verifyAuditTrail(db, upTo);
  const digestOk = values.digest === undefined || values.digest.toLowerCase() === report.digest;
  console.log(JSON.stringify({ ...report, ...(values.digest ? { digestMatches: digestOk } : {}) }, null, 2));
  if (!report.ok || !digestOk) process.exitCode = 1;
} finally {
  await db.close();
}
