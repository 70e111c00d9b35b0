import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { DemandView } from './demand.view.js';
import { GetDemandQuery } from './get-demand.handler.js';

@ApiTags('demands')
@Controller('demands')
export class GetDemandController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'A demand: status, flags, last management position; ETag = its revision' })
  @ApiOkResponse({ type: DemandView })
  async get(
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DemandView> {
    const view = await this.queries.execute(new GetDemandQuery(id));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
