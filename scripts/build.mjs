// Builds dist/ only when the sources changed since the last build (`--force`: always).
// Run by `prepare` (npm ci / npm install), `prestart`, `pretest` and the command-line tools' pre-scripts, so that
// `npm start` on an unchanged checkout starts at once. Without sources or without the Nest CLI (a production
// image: sources and dev dependencies left out), it does nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stampFile = join(root, 'dist', '.build-stamp');
const nest = join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
const inputs = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];

if (!existsSync(join(root, 'src')) || !existsSync(nest)) process.exit(0);

const files = (dir) =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
const hash = createHash('sha256');
for (const file of [...inputs.filter((f) => existsSync(join(root, f))), ...files('src').sort()]) {
  hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
}
const digest = hash.digest('hex');
const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
if (!process.argv.includes('--force') && previous === digest && existsSync(join(root, 'dist', 'main.js'))) process.exit(0);

const started = Date.now();
console.error(previous ? 'build: sources changed, rebuilding dist/…' : 'build: building dist/…');
const result = spawnSync(process.execPath, [nest, 'build'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stampFile, `${digest}\n`);
console.error(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
