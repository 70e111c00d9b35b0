import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config.js';

/**
 * Provides the typed AppConfig: the environment over `.env`, read and validated once by `loadConfig`, the same
 * loader every command-line tool uses.
 */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }],
  exports: [AppConfig],
})
export class ConfigModule {}
