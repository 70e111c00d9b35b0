import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../accounts/roles.js';
import { DATABASE, type Database } from '../infrastructure/database/database.js';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.js';
import { ProjectionsService } from '../infrastructure/projections/projections.service.js';

/** What each check is, in the 503's French detail. */
const WHAT: Record<string, string> = {
  storage: 'la base de données',
  eventStore: "le magasin d'événements KurrentDB",
  projections: 'les projections',
};

const errorText = (error: unknown): string => {
  const { name, message } = error as Error;
  return message && message !== name ? `${name}: ${message}` : String(name ?? error);
};

/**
 * Liveness and readiness: storage reachable (the SQL database, and KurrentDB when events live there), and each
 * projection's lag and dead letters. Anything down: 503.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Storage reachable; each projection with its lag in events and dead letters' })
  async check() {
    try {
      return await this.checkAll();
    } catch (error) {
      // Terminus answers 503 with its own body; the problem+json names what is down and keeps every check.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as { error?: Record<string, unknown>; details?: unknown };
      const down = Object.entries(result.error ?? {}).map(([name, value]) => {
        const url = (value as { url?: string }).url;
        return `${WHAT[name] ?? name}${url ? ` (${url})` : ''}`;
      });
      throw new ServiceUnavailableException({
        message: `Indisponible : ${down.join(', ') || 'le stockage'}`,
        checks: result.details,
      });
    }
  }

  private checkAll() {
    return this.health.check([
      async () => {
        const session = this.indicators.check('storage');
        try {
          await this.db.query('SELECT 1');
          return session.up({ kind: this.db.kind });
        } catch (error) {
          return session.down({ kind: this.db.kind, message: (error as Error).message });
        }
      },
      async () => {
        // KurrentDB (EVENTSTORE_URL): a one-event read of `$all`, which also proves the credentials allow it.
        const probe = this.store as EventStore & { probe?: () => Promise<void>; name?: string };
        if (!probe.probe) return this.indicators.check('eventStore').up({ kind: this.db.kind });
        const session = this.indicators.check('eventStore');
        try {
          await probe.probe();
          return session.up({ kind: 'kurrentdb', url: probe.name });
        } catch (error) {
          return session.down({ kind: 'kurrentdb', url: probe.name, message: errorText(error) });
        }
      },
      async () => {
        const session = this.indicators.check('projections');
        const all = await this.projections.health();
        const details = Object.fromEntries(
          all.map((p) => [
            p.projection,
            { lag: p.lag, position: p.position, deadLetters: p.deadLetters, lastError: p.lastError },
          ]),
        );
        const stuck = all.filter((p) => p.deadLetters > 0 || p.lastError);
        return stuck.length > 0 ? session.degraded(details) : session.up(details);
      },
    ]);
  }
}
