import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppConfig } from '../../config/app-config.js';
import { DATABASE, type Database } from '../database/database.js';
import { APPENDED_CHANNEL } from '../event-store/sql/sql-event-store.js';
import { PgDatabase } from '../database/pg-database.js';
import { ProjectionLease } from './projection-lease.js';
import { type EventSource, type Projection } from './projection.js';
import { ProjectionRunner, type RunnerStatus } from './projection-runner.js';
import { EVENT_SOURCE, PROJECTIONS } from './projections.tokens.js';

export type ProjectionHealth = RunnerStatus & { lag: number | undefined };

/** Owns one checkpointed runner per projection; lets commands wait until the read models show their writes. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly runners: ProjectionRunner[];
  /** Read models written in the append's transaction (ADR 0021). */
  private readonly inline: readonly Projection[];
  private unlisten?: () => Promise<void>;
  /** Several instances on one PostgreSQL: the projections this instance holds (ADR 0018). */
  private lease?: ProjectionLease;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_SOURCE) source: EventSource,
    @Inject(PROJECTIONS) projections: Projection[],
    private readonly config: AppConfig,
  ) {
    const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    // Inline read models need the events and the rows in one database (the SQL store), ADR 0021.
    this.inline = source.kind === 'sql' ? projections.filter((projection) => projection.applyInline) : [];
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(db, source, projection, {
          owner,
          ignoreHints: this.inline.includes(projection),
          batchSize: config.PROJECTION_BATCH_SIZE,
          pollIntervalMs: config.PROJECTION_POLL_MS,
          log: (level, message) =>
            level === 'error' ? this.logger.error(message) : this.logger.warn(message),
        }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const runner of this.runners) await runner.register();
    if (!this.config.PROJECTIONS_ENABLED) return;
    this.unlisten = await this.db.listen(APPENDED_CHANNEL, (payload) => {
      const types = payload ? payload.split(',') : undefined;
      this.runners.forEach((runner) => runner.hint(types));
    });
    if (!(this.db instanceof PgDatabase)) {
      this.runners.forEach((runner) => runner.start());
      return;
    }
    const byName = new Map(this.runners.map((runner) => [runner.projection.name, runner]));
    this.lease = new ProjectionLease(
      this.db.connectionString,
      [...byName.keys()],
      {
        acquired: (name) => {
          this.logger.log(`running projection ${name} in this instance`);
          byName.get(name)?.start();
        },
        lost: async (name) => {
          this.logger.warn(`projection ${name} no longer held by this instance`);
          await byName.get(name)?.stop();
        },
        log: (level, message) => (level === 'warn' ? this.logger.warn(message) : this.logger.log(message)),
      },
      this.config.PROJECTION_LEASE_RETRY_MS,
    );
    await this.lease.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.unlisten?.();
    await this.lease?.stop();
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /**
   * The inline read models that handle some of these event types: what a command appending them writes in its own
   * transaction (`applyInline`).
   */
  inlineFor(eventTypes: readonly string[]): readonly Projection[] {
    return this.inline.filter((projection) => handlesAny(projection, eventTypes));
  }

  /**
   * Waits until every projection has processed `position`. Resolves false on timeout (the write still stands).
   * `eventTypes`: only the read models handling them; `inlineDone`: not those written in the append's transaction.
   */
  async waitFor(
    position: string,
    timeoutMs = this.config.READ_YOUR_WRITES_TIMEOUT_MS,
    eventTypes?: readonly string[],
    inlineDone = false,
  ): Promise<boolean> {
    if (!position) return true;
    // Only the read models that handle these events can change: the others need not be waited for.
    const concerned = this.runners.filter(
      (runner) =>
        (!eventTypes || handlesAny(runner.projection, eventTypes)) &&
        !(inlineDone && this.inline.includes(runner.projection)),
    );
    const results = await Promise.all(concerned.map((runner) => runner.waitFor(position, timeoutMs)));
    const ok = results.every(Boolean);
    if (!ok) this.logger.warn(`read models did not reach ${position} within ${timeoutMs} ms`);
    return ok;
  }

  async health(): Promise<ProjectionHealth[]> {
    return Promise.all(
      this.runners.map(async (runner) => ({ ...(await runner.status()), lag: await runner.lag() })),
    );
  }
}

const handlesAny = (projection: Projection, eventTypes: readonly string[]): boolean => {
  const handled = projection.eventTypes;
  return handled === 'all' || eventTypes.some((type) => handled.includes(type));
};
