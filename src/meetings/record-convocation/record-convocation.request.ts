import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { IsCalendarDate, OccurredAtRequest } from '../meeting.requests.js';

export class RecordConvocationRequest extends OccurredAtRequest {
  @ApiProperty({ example: '2023-09-28', description: 'The day it arrived (YYYY-MM-DD)' })
  @IsCalendarDate()
  receivedOn!: string;

  @ApiPropertyOptional({ default: false, description: 'Urgent case: the shorter notice applies' })
  @Optional()
  @IsBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ description: "The RI's own notice in days, when it differs from the rule" })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(365)
  noticeDays?: number;
}
