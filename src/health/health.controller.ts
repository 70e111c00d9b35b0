import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../accounts/roles.js';
import { DATABASE, type Database } from '../infrastructure/database/database.js';
import { ProjectionsService } from '../infrastructure/projections/projections.service.js';

/** Liveness and readiness: storage reachable, and each projection's lag and dead letters. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Database,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Storage reachable; each projection with its lag in events and dead letters' })
  check() {
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
