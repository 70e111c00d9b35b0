import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DEMO_ACCOUNTS } from './accounts/demo-accounts.js';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { AppConfig, describeStorage, loadConfig } from './config/app-config.js';
import { createLogger, NestPinoLogger } from './infrastructure/logging/logger.js';

async function bootstrap(): Promise<void> {
  let bootConfig: AppConfig;
  try {
    bootConfig = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const pino = createLogger(bootConfig);
  const logger = new NestPinoLogger(pino);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), {
    logger,
    bufferLogs: true,
  });
  configureApp(app, pino);
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const seconds = (performance.now() / 1000).toFixed(1);
  const banner = [
    `Suivi des revendications ready in ${seconds} s on ${url} (listening on ${config.HOST}:${config.PORT})`,
    `  interface ${url}/ · API ${url}/api · docs ${url}/api/docs · health ${url}/health`,
    `  store: ${describeStorage(config)}`,
    config.demoMode
      ? `  demo accounts (password ${config.DEMO_PASSWORD === 'demo' ? '"demo"' : 'from DEMO_PASSWORD'}): ${DEMO_ACCOUNTS.map((a) => `${a.email} (${a.role})`).join(', ')}`
      : '  no demo accounts: make the first admin with `npm run user:create`',
  ];
  pino.info({ context: 'Bootstrap', readyMs: Math.round(performance.now()) }, banner.join('\n'));
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
