import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AppConfig } from '../../config/app-config.js';
import { DecisionExecutor } from '../commands/decision-executor.js';
import { Clock, SystemClock } from '../time/clock.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { ProblemDetailsFilter } from './problem-details.js';
import { createValidationPipe } from './validation.js';

/** The edge of the application: validation, problem+json errors, idempotency, and the command plumbing. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    DecisionExecutor,
    { provide: APP_PIPE, useFactory: createValidationPipe },
    {
      provide: APP_FILTER,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new ProblemDetailsFilter(config.NODE_ENV !== 'production'),
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [Clock, DecisionExecutor],
})
export class HttpModule {}
