import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyAgainstSeal, parseSealReference } from '../audit/ledger/verify-ledger.js';
import { loadSealKey } from '../audit/seals/seal-key.js';
import { verifyAuditTrail } from '../audit/verify-audit-trail/audit-trail.js';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../infrastructure/database/open-database.js';

/**
 * `npm run audit:verify [-- --seal <seal JSON | file of seals | root hash>] [--digest <hex> --recorded-up-to <ISO>]
 * [--organisation <id>]`: checks every stream's hash chain (the whole installation: this is the privileged check,
 * for whoever runs the service), and, with --seal, that the store is still consistent with that seal (signature,
 * then the ledger recomputed from the events); with --digest, that the events recorded up to the date still give
 * the digest printed on a dossier. Exit 1 on problems.
 */
const { values: args } = parseArgs({
  options: {
    seal: { type: 'string' },
    digest: { type: 'string' },
    'recorded-up-to': { type: 'string' },
    organisation: { type: 'string' },
  },
});
const config = loadConfig();
const sealArgument = args.seal && existsSync(args.seal) ? readFileSync(args.seal, 'utf8') : args.seal;
const seal = sealArgument === undefined ? undefined : parseSealReference(sealArgument);
const upTo = args['recorded-up-to'];
const db = await openDatabase(config);
try {
  const report = await verifyAuditTrail(db, upTo ? new Date(upTo) : undefined, {
    organisationId: args.organisation,
  });
  const digestOk = args.digest === undefined || args.digest === report.digest;
  const sealCheck = seal
    ? await verifyAgainstSeal(db, seal, loadSealKey(config, { generate: false })?.publicKey)
    : undefined;
  console.log(
    JSON.stringify(
      { ...report, ...(args.digest ? { digestMatches: digestOk } : {}), ...(sealCheck ? { sealCheck } : {}) },
      null,
      2,
    ),
  );
  if (!report.ok || !digestOk || (sealCheck && !sealCheck.consistent)) process.exitCode = 1;
} finally {
  await db.close();
}
