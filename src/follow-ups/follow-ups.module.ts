import { Module } from '@nestjs/common';
import { ListOverdueFollowUpsController } from './list-overdue-follow-ups/list-overdue-follow-ups.controller.js';
import { ListOverdueFollowUpsHandler } from './list-overdue-follow-ups/list-overdue-follow-ups.handler.js';

/** What the union officer must chase: follow-ups computed from the demands' read model at the clock's now. */
@Module({
  controllers: [ListOverdueFollowUpsController],
  providers: [ListOverdueFollowUpsHandler],
})
export class FollowUpsModule {}
