import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ConfigModule } from './config/config.module.js';
import { DeadlineRulesModule } from './deadline-rules/deadline-rules.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { DemandsModule } from './demands/demands.module.js';
import { DemoModule } from './demo/demo.module.js';
import { DossiersModule } from './dossiers/dossiers.module.js';
import { FollowUpsModule } from './follow-ups/follow-ups.module.js';
import { HealthModule } from './health/health.module.js';
import { HttpModule } from './infrastructure/http/http.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { type Projection } from './infrastructure/projections/projection.js';
import { ProjectionsModule } from './infrastructure/projections/projections.module.js';
import { StorageModule } from './infrastructure/storage/storage.module.js';
import { ObservationsModule } from './observations/observations.module.js';
import { allProjections } from './projections.js';
import { ReferenceRatiosModule } from './reference-ratios/reference-ratios.module.js';
import { UnitsModule } from './units/units.module.js';
import { WebModule } from './web/web.module.js';

@Module({})
export class AppModule {
  static forRoot(options: { projections?: readonly Projection[] } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule,
        CqrsModule.forRoot(),
        StorageModule,
        ProjectionsModule.forRoot(options.projections ?? allProjections),
        HttpModule,
        AccountsModule,
        HealthModule,
        DeadlineRulesModule,
        ReferenceRatiosModule,
        DemandsModule,
        UnitsModule,
        ObservationsModule,
        MeetingsModule,
        FollowUpsModule,
        DemoModule,
        DossiersModule,
        AuditModule,
        DeadlinesModule,
        WebModule,
      ],
    };
  }
}
