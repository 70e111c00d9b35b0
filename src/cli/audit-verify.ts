import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { verifyAgainstSeal, parseSealReference } from '../audit/ledger/verify-ledger.js';
import { loadSealKey } from '../audit/seals/seal-key.js';
import { verifyAuditTrail } from '../audit/verify-audit-trail/audit-trail.js';
import { openDatabase } from '../infrastructure/database/open-database.js';
import { cliConfig, fail, parseCli } from './cli.js';

/**
 * `npm run audit:verify [-- --seal <seal JSON | file of seals | root hash>] [--digest <hex> --recorded-up-to <ISO>]
 * [--organisation <id>]`: checks every stream's hash chain (the whole installation: this is the privileged check,
 * for whoever runs the service), and, with --seal, that the store is still consistent with that seal (signature,
 * then the ledger recomputed from the events); with --digest, that the events recorded up to the date still give
 * the digest printed on a dossier. Exit 1 on problems.
 */
const spec = {
  name: 'audit:verify',
  summary:
    "Walks every stream's hash chain; with --seal, checks the store against a seal; with --digest, the digest printed on a dossier.",
  options: {
    seal: { type: 'string', help: 'a seal (JSON), a file of seals, or a sealed root hash' },
    digest: { type: 'string', help: 'digest printed on a dossier (hex)' },
    'recorded-up-to': { type: 'string', help: 'only the events recorded up to this ISO date' },
    organisation: { type: 'string', help: "only this organisation's streams" },
  },
} as const;
const { values: args } = parseCli(spec);
const upTo = args['recorded-up-to'] !== undefined ? new Date(args['recorded-up-to']) : undefined;
if (upTo && Number.isNaN(upTo.getTime()))
  fail(spec, `--recorded-up-to: not a date: ${args['recorded-up-to']}`);
if (args.digest !== undefined && !/^[0-9a-f]{16,128}$/i.test(args.digest))
  fail(spec, `--digest: not a hexadecimal digest: ${args.digest}`);
const config = cliConfig(spec);
const sealArgument = args.seal && existsSync(args.seal) ? readFileSync(args.seal, 'utf8') : args.seal;
const seal = sealArgument === undefined ? undefined : parseSealReference(sealArgument);
const db = await openDatabase(config);
try {
  const report = await verifyAuditTrail(db, upTo, { organisationId: args.organisation });
  const digestOk = args.digest === undefined || args.digest.toLowerCase() === report.digest;
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
