import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate, OccurredAtRequest } from '../meeting.requests.js';

export class RecordMinutesDraftRequest extends OccurredAtRequest {
  @ApiProperty({ description: 'The day it arrived (YYYY-MM-DD)' })
  @IsCalendarDate()
  receivedOn!: string;
}
