import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsString, Length } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { IsCalendarDate, OccurredAtRequest } from '../meeting.requests.js';

export class RecordMeetingHeldRequest extends OccurredAtRequest {
  @ApiProperty({ example: '2023-10-13' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiPropertyOptional({ description: 'Whether the quorum was reached; leave out when not known' })
  @Optional()
  @IsBoolean()
  quorum?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['DFSPIP (présidente)', 'représentants FO'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  attendeeRoles?: string[];
}
