import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig, validateConfig } from './app-config.js';

/** Loads `.env` (if any) and the environment once, validates it, and provides the typed AppConfig. */
@Global()
@Module({
  imports: [NestConfigModule.forRoot({ validate: validateConfig, cache: true, ignoreEnvFile: false })],
  providers: [{ provide: AppConfig, useFactory: () => validateConfig({ ...process.env }) }],
  exports: [AppConfig],
})
export class ConfigModule {}
