import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Org } from '../../infrastructure/http/request-context.js';
import { GetMeetingQuery } from './get-meeting.handler.js';
import { MeetingView } from './meeting.view.js';

@ApiTags('meetings')
@Controller('meetings')
export class GetMeetingController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A meeting: items, statements, votes, minutes and pending deadlines today; ETag = its revision',
  })
  @ApiOkResponse({ type: MeetingView })
  async get(
    @Param('id', IdPipe) id: string,
    @Org() organisationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeetingView> {
    const view = await this.queries.execute(new GetMeetingQuery(id, organisationId));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
