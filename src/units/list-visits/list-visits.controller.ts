import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Org } from '../../infrastructure/http/request-context.js';
import { ListVisitsQuery, type VisitList, type VisitSummary } from './list-visits.handler.js';

@ApiTags('visits')
@Controller('visits')
export class ListVisitsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Visits of my organisation, latest first, each with its antennas (planned, visited)',
  })
  list(@Org() organisationId: string | undefined): Promise<VisitList> {
    return this.queries.execute(new ListVisitsQuery(organisationId));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One visit and its antennas (404 when it is not one of my organisation)' })
  async get(
    @Param('id', IdPipe) visitId: string,
    @Org() organisationId: string | undefined,
  ): Promise<VisitSummary | undefined> {
    const { items } = await this.queries.execute(new ListVisitsQuery(organisationId, { visitId }));
    return items[0];
  }
}
