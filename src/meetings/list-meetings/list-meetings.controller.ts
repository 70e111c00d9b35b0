import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Org } from '../../infrastructure/http/request-context.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListMeetingsQuery, type MeetingPage } from './list-meetings.handler.js';
import { ListMeetingsRequest } from './list-meetings.request.js';

@ApiTags('meetings')
@Controller('meetings')
export class ListMeetingsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Meetings, by instance or by the demand they mention, oldest first' })
  list(
    @Query() filter: ListMeetingsRequest,
    @Org() organisationId: string | undefined,
  ): Promise<MeetingPage> {
    return this.queries.execute(new ListMeetingsQuery(filter, organisationId));
  }
}
