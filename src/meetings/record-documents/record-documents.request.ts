import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { IsCalendarDate, OccurredAtRequest } from '../meeting.requests.js';

export class RecordDocumentsRequest extends OccurredAtRequest {
  @ApiProperty({ example: 'Note de présentation du projet immobilier de Béthune' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ description: 'The day it arrived (YYYY-MM-DD)' })
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
