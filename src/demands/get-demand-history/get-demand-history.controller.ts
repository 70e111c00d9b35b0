import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Org } from '../../infrastructure/http/request-context.js';
import { asOfFrom, AsOfRequest } from '../as-of.js';
import { type DemandHistoryEntry, GetDemandHistoryQuery } from './get-demand-history.handler.js';

@ApiTags('demands')
@Controller('demands')
export class GetDemandHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @ApiOperation({
    summary: 'Every event of the demand in order: who, when it happened, when it was recorded',
  })
  history(
    @Param('id', IdPipe) id: string,
    @Query() query: AsOfRequest,
    @Org() organisationId: string | undefined,
  ): Promise<{ items: DemandHistoryEntry[] }> {
    return this.queries.execute(new GetDemandHistoryQuery(id, asOfFrom(query), organisationId));
  }
}
