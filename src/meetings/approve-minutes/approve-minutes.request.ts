import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { ID_PATTERN, IsCalendarDate, OccurredAtRequest } from '../meeting.requests.js';

export class ApproveMinutesRequest extends OccurredAtRequest {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  approvedOn!: string;

  @ApiPropertyOptional({ description: 'The meeting at which they were approved' })
  @Optional()
  @Matches(ID_PATTERN, { message: 'atMeetingId doit être un identifiant de séance' })
  atMeetingId?: string;
}
