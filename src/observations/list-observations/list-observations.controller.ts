import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Org } from '../../infrastructure/http/request-context.js';
import { ListObservationsQuery, type ObservationList } from './list-observations.handler.js';
import { ListObservationsRequest } from './list-observations.request.js';

@ApiTags('observations')
@Controller('observations')
export class ListObservationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      'Observations, filtered by antenna, visit, category, sentiment, leadsToDemand; withdrawn on request',
  })
  list(
    @Query() filter: ListObservationsRequest,
    @Org() organisationId: string | undefined,
  ): Promise<ObservationList> {
    return this.queries.execute(new ListObservationsQuery(filter, organisationId));
  }
}
