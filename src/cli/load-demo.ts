import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { DemoLoader } from '../demo/demo-loader.js';
import { cliConfig, fail, parseCli } from './cli.js';

/** `npm run demo:load`: records the demo dataset (idempotent: a second run records nothing new). */
const spec = {
  name: 'demo:load',
  summary:
    'Records the demo dataset (SPIP 62 visit report) in the configured store; a second run records nothing.',
  options: {},
} as const;
parseCli(spec);
// The demo data comes with demo accounts whose password is known: never in production (issue 10, defect 6).
if (cliConfig(spec).NODE_ENV === 'production') fail(spec, 'refused in production (NODE_ENV=production)');
const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
try {
  const { recorded } = await app.get(DemoLoader).load();
  console.log(
    recorded > 0 ? `Demo data loaded: ${recorded} events.` : 'Demo data already present: nothing recorded.',
  );
} finally {
  await app.close();
}
