import {
  type CallHandler,
  ConflictException,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  UnprocessableEntityException,
  BadRequestException,
} from '@nestjs/common';
import { type Request, type Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { AppConfig } from '../../config/app-config.js';
import { DATABASE, type Database } from '../database/database.js';
import { IdempotencyKeys } from './idempotency-keys.js';
import { actorOf, requestHashOf } from './request-context.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * `Idempotency-Key` on POST: the first answer is kept; a retry with the same key and the same body gets it back
 * and records nothing new; the same key with another body gets 422. The key is scoped by actor and route, and
 * remembered IDEMPOTENCY_KEY_TTL_HOURS (24 h by default). Event ids are also derived from the key, so even a retry
 * racing the first call records once; and a retry of a request that died (a crash) before answering, once
 * IDEMPOTENCY_IN_PROGRESS_SECONDS have passed, runs again: it finds the events the dead request recorded and
 * answers as it would have, or records them if it recorded nothing (idempotency-keys.ts).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly keys: IdempotencyKeys;
  private lastPurge = 0;

  constructor(@Inject(DATABASE) db: Database, config: AppConfig) {
    this.keys = new IdempotencyKeys(db, {
      ttlHours: config.IDEMPOTENCY_KEY_TTL_HOURS,
      inProgressLeaseSeconds: config.IDEMPOTENCY_IN_PROGRESS_SECONDS,
    });
  }

  /** Expired keys are forgotten at most once an hour per instance, off the request's path. */
  private purgeNowAndThen(): void {
    const now = Date.now();
    if (now - this.lastPurge < 3_600_000) return;
    this.lastPurge = now;
    this.keys.purgeExpired().catch(() => undefined);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined) return next.handle();
    return from(this.handle(request, context.switchToHttp().getResponse<Response>(), key, next));
  }

  private async handle(
    request: Request,
    response: Response,
    key: string,
    next: CallHandler,
  ): Promise<unknown> {
    if (!KEY_PATTERN.test(key)) {
      throw new BadRequestException(
        'Idempotency-Key doit compter 1 à 200 caractères parmi A-Z a-z 0-9 . _ : -',
      );
    }
    const scope = `${actorOf(request)} ${request.method} ${request.route?.path ?? request.path} ${request.path}`;
    const hash = requestHashOf(request);
    this.purgeNowAndThen();
    const claim = await this.keys.claim(scope, key, hash);
    switch (claim.kind) {
      case 'mismatch':
        throw new UnprocessableEntityException(
          'Cette Idempotency-Key a déjà servi avec un autre corps de requête',
        );
      case 'in_progress':
        response.setHeader('Retry-After', String(claim.retryAfterSeconds));
        throw new ConflictException('Une requête avec cette Idempotency-Key est en cours');
      case 'answered':
        response.status(claim.status);
        response.setHeader('Idempotent-Replayed', 'true');
        return claim.body;
      case 'claimed':
        break;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.keys.answer(scope, key, response.statusCode, body);
      return body;
    } catch (error) {
      await this.keys.release(scope, key);
      throw error;
    }
  }
}
