import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { Org } from '../../infrastructure/http/request-context.js';
import { ReferenceRatiosView } from '../reference-ratios.responses.js';
import { GetReferenceRatiosQuery } from './get-reference-ratios.handler.js';

@ApiTags('reference-ratios')
@Controller('reference-ratios')
export class GetReferenceRatiosController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      "The organisation's reference staffing ratios in force, each with its default (the DAP's OR), and the " +
      'history of changes (who, when, source); ETag = its revision once changed',
  })
  @ApiOkResponse({ type: ReferenceRatiosView })
  async get(
    @Org() organisationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReferenceRatiosView> {
    const view = await this.queries.execute(new GetReferenceRatiosQuery(organisationId));
    if (view.revision !== null) response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
