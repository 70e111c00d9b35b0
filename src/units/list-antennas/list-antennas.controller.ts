import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Org } from '../../infrastructure/http/request-context.js';
import { type AntennaList, ListAntennasQuery } from './list-antennas.handler.js';
import { ListAntennasRequest } from './list-antennas.request.js';

@ApiTags('antennas')
@Controller('antennas')
export class ListAntennasController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Antennas side by side: chain SPIP > DISP > DAP, last visit, next planned visit, open demands',
    description: '`visited=false` gives the "not yet visited" antennas; `summary` counts them.',
  })
  list(
    @Query() filter: ListAntennasRequest,
    @Org() organisationId: string | undefined,
  ): Promise<AntennaList> {
    return this.queries.execute(new ListAntennasQuery(filter, organisationId));
  }
}
