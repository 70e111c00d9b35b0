import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Org } from '../../infrastructure/http/request-context.js';
import { type DemandPage, ListDemandsQuery } from './list-demands.handler.js';
import { ListDemandsRequest } from './list-demands.request.js';

@ApiTags('demands')
@Controller('demands')
export class ListDemandsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Demands, filtered (antenna, status, category, overdue…) and paged' })
  list(@Query() filter: ListDemandsRequest, @Org() organisationId: string | undefined): Promise<DemandPage> {
    return this.queries.execute(new ListDemandsQuery(filter, organisationId));
  }
}
