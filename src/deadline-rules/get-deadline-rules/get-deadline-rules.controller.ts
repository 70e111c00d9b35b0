import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { Org } from '../../infrastructure/http/request-context.js';
import { DeadlineRulesView } from '../deadline-rules.responses.js';
import { GetDeadlineRulesQuery } from './get-deadline-rules.handler.js';

@ApiTags('deadline-rules')
@Controller('deadline-rules')
export class GetDeadlineRulesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      "The organisation's deadline rules in force, each with its default, and the history of changes " +
      '(who, when, source); ETag = its revision once changed',
  })
  @ApiOkResponse({ type: DeadlineRulesView })
  async get(
    @Org() organisationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeadlineRulesView> {
    const view = await this.queries.execute(new GetDeadlineRulesQuery(organisationId));
    if (view.revision !== null) response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
