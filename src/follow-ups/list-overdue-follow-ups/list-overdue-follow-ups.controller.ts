import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Org } from '../../infrastructure/http/request-context.js';
import { ListOverdueFollowUpsQuery } from './list-overdue-follow-ups.handler.js';
import { ListOverdueFollowUpsRequest } from './list-overdue-follow-ups.request.js';
import { type OverdueFollowUps } from './overdue-follow-up.view.js';

@ApiTags('follow-ups')
@Controller('follow-ups')
export class ListOverdueFollowUpsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('overdue')
  @ApiOperation({
    summary:
      "The officer's to-do list: overdue answers, overdue commitments, repeated deferrals; most late first",
    description:
      'Computed at the current instant from the demands not closed: (a) response_overdue, (b) commitment_overdue ' +
      '(one item per commitment), (g) repeated_deferral ("à l\'étude" twice or more and still deferred).',
  })
  list(
    @Query() filter: ListOverdueFollowUpsRequest,
    @Org() organisationId: string | undefined,
  ): Promise<OverdueFollowUps> {
    return this.queries.execute(new ListOverdueFollowUpsQuery(filter, organisationId));
  }
}
