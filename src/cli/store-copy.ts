import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { verifyAuditTrail } from '../audit/verify-audit-trail/audit-trail.js';
import { ProjectionRunner, resetProjection } from '../infrastructure/projections/projection-runner.js';
import { SqlEventSource } from '../infrastructure/projections/sql-event-source.js';
import {
  copyAccounts,
  CopyRefused,
  countEvents,
  finishCopy,
  openEndpoint,
  type OpenedStore,
  parseEndpoint,
  prepareTarget,
  readBatch,
  sourceIdOf,
  writeBatch,
} from '../infrastructure/storage/store-copy.js';
import { allProjections } from '../projections.js';
import { fail, parseCli } from './cli.js';

/**
 * `npm run store:copy -- --from <embedded dir | postgres url | esdb url> --to <…>`: copies every event in order,
 * resumable, then verifies the target's audit trail and rebuilds its read models. ADR 0018, docs/deployment.md.
 */
const spec = {
  name: 'store:copy',
  summary:
    'Copies every event of one store into another (PGlite directory, postgres://…, esdb:// or kurrentdb://…), in order, with ids, metadata and both times; resumes an interrupted copy; then verifies the audit trail and rebuilds the read models of the target.',
  options: {
    from: { type: 'string', help: 'source store (required)' },
    to: { type: 'string', help: 'target store (required; empty, or an interrupted copy of the same source)' },
    'batch-size': { type: 'string', default: '500', help: 'events per target transaction' },
    'throttle-ms': { type: 'string', default: '0', help: 'pause between batches, to spare a busy source' },
    'no-accounts': { type: 'boolean', help: 'do not copy accounts, organisations and sections' },
  },
} as const;
const { values } = parseCli(spec);
if (!values.from) fail(spec, '--from is required');
if (!values.to) fail(spec, '--to is required');
const batchSize = Number(values['batch-size']);
const throttleMs = Number(values['throttle-ms']);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
  fail(spec, `--batch-size must be an integer from 1 to 10000: ${values['batch-size']}`);
if (!Number.isInteger(throttleMs) || throttleMs < 0) fail(spec, `--throttle-ms must be an integer ≥ 0`);
let from, to;
try {
  from = parseEndpoint(values.from);
  to = parseEndpoint(values.to);
} catch (error) {
  fail(spec, (error as Error).message);
}
if (from.kind === to.kind && from.label === to.label) fail(spec, '--from and --to name the same store');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const opened: OpenedStore[] = [];
try {
  const source = await openEndpoint(from);
  opened.push(source);
  const target = await openEndpoint(to);
  opened.push(target);
  const sourceId = await sourceIdOf(source);
  const state = await prepareTarget(target, sourceId, from.label);
  const total = await countEvents(source);
  console.log(
    `${state.resumed ? 'Resuming' : 'Copying'} ${total} events from ${from.label} to ${to.label}` +
      (state.resumed ? ` (${state.copied} already copied)` : ''),
  );
  const bar = new SingleBar(
    {
      format: 'events [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left',
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  bar.start(total, state.copied);
  let cursor = state.cursor;
  let copied = state.copied;
  for (;;) {
    const batch = await readBatch(source, cursor, batchSize);
    if (batch.rows.length === 0) break;
    await writeBatch(target, sourceId, batch);
    cursor = batch.cursor;
    copied += batch.rows.length;
    bar.update(copied);
    if (throttleMs > 0) await sleep(throttleMs);
  }
  bar.stop();
  await finishCopy(target, sourceId);
  if (!values['no-accounts']) {
    const accounts = await copyAccounts(source, target);
    if (accounts > 0) console.log(`Accounts copied: ${accounts} (with their organisations and sections).`);
  }
  const targetCount = await countEvents(target);
  console.log(`Copied: the target holds ${targetCount} events (the source ${total}).`);
  if (target.db) {
    const audit = await verifyAuditTrail(target.db);
    console.log(
      `Audit trail on the target: ${audit.ok ? 'ok' : 'BROKEN'} (${audit.checkedEvents} events, ${audit.checkedStreams} streams, digest ${audit.digest})`,
    );
    if (!audit.ok) {
      console.error(JSON.stringify(audit.problems.slice(0, 10), null, 2));
      process.exitCode = 1;
    }
    if (source.db) {
      const sourceAudit = await verifyAuditTrail(source.db);
      const same = sourceAudit.digest === audit.digest;
      console.log(`Digest of the source: ${sourceAudit.digest} (${same ? 'identical' : 'DIFFERENT'})`);
      if (!same) process.exitCode = 1;
    }
    const events = new SqlEventSource(target.db);
    for (const projection of allProjections) {
      await resetProjection(target.db, projection);
      await new ProjectionRunner(target.db, events, projection, { batchSize: 1000 }).catchUp();
    }
    console.log(`Read models of the target rebuilt (${allProjections.length} projections).`);
  } else {
    console.log(
      'Target is EventStoreDB: its read models are built by the application (its SQL database) at start.',
    );
  }
  if (targetCount < total) process.exitCode = 1;
} catch (error) {
  if (error instanceof CopyRefused) {
    console.error(`store:copy: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  for (const store of opened.reverse()) await store.close();
}
