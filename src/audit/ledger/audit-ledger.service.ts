import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DATABASE, type Database, type SqlExecutor } from '../../infrastructure/database/database.js';
import { APPENDED_CHANNEL } from '../../infrastructure/event-store/sql/sql-event-store.js';
import { type EventSource } from '../../infrastructure/projections/projection.js';
import { ProjectionRunner } from '../../infrastructure/projections/projection-runner.js';
import { EVENT_SOURCE } from '../../infrastructure/projections/projections.tokens.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { type Seal } from '../seals/seal.js';
import { loadSealKey, type SealKey } from '../seals/seal-key.js';
import { latestSeal, sealHead, sealNow } from '../seals/seals.repository.js';
import { foldEverythingCommitted, type LedgerHead, ledgerProjection } from './ledger.js';

/**
 * Keeps the audit ledger (a checkpointed subscriber folding every committed event, in position order, into one
 * chain) and seals its head every AUDIT_SEAL_EVERY_EVENTS events, every AUDIT_SEAL_EVERY_MINUTES minutes when
 * something was folded since, and on demand. The signing key never enters the database.
 */
@Injectable()
export class AuditLedgerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditLedger');
  readonly key: SealKey;
  readonly runner: ProjectionRunner | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unlisten?: () => Promise<void>;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_SOURCE) source: EventSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    const key = loadSealKey(config);
    if (!key) throw new Error('no seal key');
    this.key = key;
    if (key.created && key.source !== 'ephemeral') {
      this.logger.warn(
        `audit seal key created in ${key.source} (key id ${key.keyId}, public key ${key.publicKey}): ` +
          'keep it outside the database and its backups',
      );
    } else if (key.source === 'ephemeral') {
      this.logger[config.NODE_ENV === 'production' ? 'warn' : 'log'](
        `audit seals are signed with a key made for this process only (key id ${key.keyId}); ` +
          'set AUDIT_SEAL_KEY_FILE or AUDIT_SEAL_KEY to keep one key across restarts',
      );
    } else {
      this.logger.log(`audit seal key ${key.keyId} from ${key.source}`);
    }
    // The ledger folds the SQL store's events; on EventStoreDB the events live in its own append-only log.
    this.runner =
      source.kind === 'sql'
        ? new ProjectionRunner(
            db,
            source,
            ledgerProjection((tx, head, previous) => this.sealEveryN(tx, head, previous)),
            {
              batchSize: config.PROJECTION_BATCH_SIZE,
              pollIntervalMs: config.PROJECTION_POLL_MS,
              log: (level, message) =>
                level === 'error' ? this.logger.error(message) : this.logger.warn(message),
            },
          )
        : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runner) return;
    await this.runner.register();
    if (!this.config.PROJECTIONS_ENABLED) return;
    this.unlisten = await this.db.listen(APPENDED_CHANNEL, () => this.runner?.hint());
    this.runner.start();
    const minutes = this.config.AUDIT_SEAL_EVERY_MINUTES;
    if (minutes > 0) {
      this.timer = setInterval(
        () => void this.sealIfDue().catch((e: Error) => this.logger.error(`seal: ${e.message}`)),
        Math.min(minutes * 60_000, 60_000),
      );
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await this.runner?.stop();
  }

  /** Folds every committed event into the ledger, then seals its head (or answers the seal it already has). */
  async seal(reason = 'on demand'): Promise<Seal> {
    if (this.runner && !(await foldEverythingCommitted(this.db, this.runner))) {
      this.logger.warn(
        'seal: the ledger could not fold every committed event in time; sealing what it holds',
      );
    }
    return sealNow(this.db, this.key, reason, this.clock.now());
  }

  /** Seals when the latest seal is older than AUDIT_SEAL_EVERY_MINUTES and events were folded since. */
  async sealIfDue(): Promise<Seal | undefined> {
    const last = await latestSeal(this.db);
    const due = this.config.AUDIT_SEAL_EVERY_MINUTES * 60_000;
    if (last && this.clock.now().getTime() - Date.parse(last.sealedAt) < due) return undefined;
    return sealNow(this.db, this.key, 'interval', this.clock.now());
  }

  private async sealEveryN(tx: SqlExecutor, head: LedgerHead, previous: number): Promise<void> {
    const n = this.config.AUDIT_SEAL_EVERY_EVENTS;
    if (Math.floor(head.seq / n) > Math.floor(previous / n)) {
      await sealHead(tx, this.key, `every ${n} events`, this.clock.now());
    }
  }
}
