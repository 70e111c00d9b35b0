import 'reflect-metadata';
import { verifyAuditTrail } from '../audit/verify-audit-trail/audit-trail.js';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../infrastructure/database/open-database.js';

/**
 * `npm run audit:verify [-- --digest <hex> --recorded-up-to <ISO date>]`: checks every stream's hash chain and, with
 * --digest, that the events recorded up to the date still give the digest printed on a dossier. Exit 1 on problems.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const expectedDigest = option('--digest');
const upTo = option('--recorded-up-to');
const db = await openDatabase(loadConfig());
try {
  const report = await verifyAuditTrail(db, upTo ? new Date(upTo) : undefined);
  const digestOk = expectedDigest === undefined || expectedDigest === report.digest;
  console.log(JSON.stringify({ ...report, ...(expectedDigest ? { digestMatches: digestOk } : {}) }, null, 2));
  if (!report.ok || !digestOk) process.exitCode = 1;
} finally {
  await db.close();
}
