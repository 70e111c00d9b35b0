import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Org } from '../../infrastructure/http/request-context.js';
import { asOfFrom, AsOfRequest } from '../as-of.js';
import { DemandView } from './demand.view.js';
import { GetDemandQuery } from './get-demand.handler.js';

@ApiTags('demands')
@Controller('demands')
export class GetDemandController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({
    summary:
      'A demand: status, flags, last management position (ETag = its revision); ?asOf= for a past date',
  })
  @ApiOkResponse({ type: DemandView })
  async get(
    @Param('id', IdPipe) id: string,
    @Query() query: AsOfRequest,
    @Org() organisationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DemandView> {
    const asOf = asOfFrom(query);
    const view = await this.queries.execute(new GetDemandQuery(id, asOf, organisationId));
    if (!asOf) response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
