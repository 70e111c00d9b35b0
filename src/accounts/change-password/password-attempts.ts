import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type Options } from 'express-rate-limit';
import { AppConfig } from '../../config/app-config.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { SqlRateLimitStore } from '../../infrastructure/http/sql-rate-limit-store.js';

const WINDOW_MS = 60_000;

export class TooManyPasswordAttemptsError extends HttpException {
  constructor() {
    super(
      'Trop de tentatives de changement de mot de passe avec un mot de passe actuel incorrect ; réessayez dans une minute.',
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * The login's attempt limit applied to the password change (issue 10, defect 10): at most LOGIN_RATE_LIMIT wrong
 * current passwords a minute per account, counted in the database like the login's (every instance shares them).
 * Counted per account, not per address: the caller is already authenticated, and a stolen session spread over many
 * addresses is limited all the same. The API route and the web form go through the same controller, so through this.
 */
@Injectable()
export class PasswordChangeAttempts {
  private readonly store: SqlRateLimitStore;

  constructor(
    @Inject(DATABASE) db: Database,
    private readonly config: AppConfig,
  ) {
    this.store = new SqlRateLimitStore(db, 'password:');
    this.store.init({ windowMs: WINDOW_MS } as Options);
  }

  /**
   * Counts one attempt before the password is checked (so that concurrent attempts cannot slip past the limit);
   * refuses it when the account has used up its attempts in the current window.
   */
  async begin(accountId: string): Promise<void> {
    const { totalHits } = await this.store.increment(accountId);
    if (totalHits > this.config.LOGIN_RATE_LIMIT) throw new TooManyPasswordAttemptsError();
  }

  /** The current password was right: the attempt does not count (only failures do, as for the login). */
  async succeeded(accountId: string): Promise<void> {
    await this.store.decrement(accountId);
  }
}
