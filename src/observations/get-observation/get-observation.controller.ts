import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Org } from '../../infrastructure/http/request-context.js';
import { GetObservationQuery } from './get-observation.handler.js';
import { ObservationDetailView } from './observation.view.js';

@ApiTags('observations')
@Controller('observations')
export class GetObservationController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({
    summary: 'An observation, withdrawn or not, with its history; ETag = its revision (use it in If-Match)',
  })
  @ApiOkResponse({ type: ObservationDetailView })
  async get(
    @Param('id', IdPipe) id: string,
    @Org() organisationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ObservationDetailView> {
    const view = await this.queries.execute(new GetObservationQuery(id, organisationId));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
