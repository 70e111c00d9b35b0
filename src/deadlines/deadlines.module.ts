import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { MissedDeadlinesCheck } from './missed-deadlines.check.js';

@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [MissedDeadlinesCheck],
  exports: [MissedDeadlinesCheck],
})
export class DeadlinesModule {}
