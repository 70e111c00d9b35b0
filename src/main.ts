import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { AppConfig, loadConfig } from './config/app-config.js';

async function bootstrap(): Promise<void> {
  const bootConfig = loadConfig();
  const logger = new ConsoleLogger({
    json: bootConfig.LOG_FORMAT === 'json',
    logLevels: levelsFrom(bootConfig.LOG_LEVEL),
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), {
    logger,
    bufferLogs: true,
  });
  configureApp(app);
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  logger.log(`Listening on http://${config.HOST}:${config.PORT} (API /api, docs /api/docs)`, 'Bootstrap');
}

function levelsFrom(level: AppConfig['LOG_LEVEL']) {
  const order = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
