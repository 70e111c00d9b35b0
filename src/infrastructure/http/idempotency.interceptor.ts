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
import { createHash } from 'node:crypto';
import { type Request, type Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DATABASE, type Database } from '../database/database.js';
import { actorOf } from './request-context.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * `Idempotency-Key` on POST: the first answer is kept; a retry with the same key and the same body gets it back
 * and records nothing new; the same key with another body gets 422. The key is scoped by actor and route.
 * Event ids are also derived from the key, so even a retry racing the first call records once.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

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
    const hash = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const inserted = await this.db.query(
      `INSERT INTO app.idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [scope, key, hash],
    );
    if (inserted.rowCount === 0) {
      const { rows } = await this.db.query<{ request_hash: string; status: number | null; body: unknown }>(
        `SELECT request_hash, status, body FROM app.idempotency_keys WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      const first = rows[0];
      if (first && first.request_hash !== hash) {
        throw new UnprocessableEntityException(
          'Cette Idempotency-Key a déjà servi avec un autre corps de requête',
        );
      }
      if (first?.status == null)
        throw new ConflictException('Une requête avec cette Idempotency-Key est en cours');
      response.status(first.status);
      response.setHeader('Idempotent-Replayed', 'true');
      return first.body;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.db.query(
        `UPDATE app.idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND key = $2`,
        [scope, key, response.statusCode, JSON.stringify(body ?? null)],
      );
      return body;
    } catch (error) {
      // A failed request keeps nothing: the same key may be retried.
      await this.db.query(`DELETE FROM app.idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key]);
      throw error;
    }
  }
}
