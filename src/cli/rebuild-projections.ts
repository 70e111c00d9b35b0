import 'reflect-metadata';
import { MultiBar, Presets } from 'cli-progress';
import { ProjectionRunner, resetProjection } from '../infrastructure/projections/projection-runner.js';
import { openStorage } from '../infrastructure/storage/open-storage.js';
import { allProjections } from '../projections.js';
import { cliConfig, fail, parseCli } from './cli.js';

/**
 * `npm run projections:rebuild [name…]`: empties each named projection (all when none is named) and replays every
 * event into it in short transactions, each committing rows and checkpoint together. Interrupted, it resumes
 * from its checkpoint (the application's runners carry on from there too). The read models are independent (own
 * tables, own checkpoint), so they are rebuilt side by side: the application's work on one overlaps the
 * database's on another.
 */
const spec = {
  name: 'projections:rebuild',
  summary: `Empties the named read models (all when none is named) and replays every event into them. Known: ${allProjections.map((p) => p.name).join(', ')}`,
  options: {},
  positionals: 'projection',
} as const;
const { positionals: names } = parseCli(spec);
const unknown = names.filter((name) => !allProjections.some((p) => p.name === name));
if (unknown.length > 0)
  fail(
    spec,
    `unknown projection(s): ${unknown.join(', ')}. Known: ${allProjections.map((p) => p.name).join(', ')}`,
  );
const selected = names.length > 0 ? allProjections.filter((p) => names.includes(p.name)) : allProjections;
const config = cliConfig(spec);
const storage = await openStorage(config);
try {
  const total = (await storage.source.countAfter(undefined)) ?? 0;
  const started = Date.now();
  const bars = new MultiBar(
    {
      format: '{name} [{bar}] {percentage}% | {value}/{total} events | {eta_formatted}',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  await Promise.all(
    selected.map(async (projection) => {
      await resetProjection(storage.db, projection);
      const runner = new ProjectionRunner(storage.db, storage.source, projection, { batchSize: 1000 });
      const bar = bars.create(total, 0, { name: projection.name.padEnd(20) });
      await runner.catchUp((count) => bar.increment(count));
      bar.update(total);
    }),
  );
  bars.stop();
  console.log(
    `Rebuilt ${selected.length} read model${selected.length === 1 ? '' : 's'} from ${total} events in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
} finally {
  await storage.close();
}
