import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { IsCalendarDate, OccurredAtRequest } from '../meeting.requests.js';

export class RecordAvisFollowUpRequest extends OccurredAtRequest {
  @ApiProperty({ description: 'The day it arrived (YYYY-MM-DD)' })
  @IsCalendarDate()
  receivedOn!: string;

  @ApiProperty({ description: "The president's written words" })
  @IsString()
  @Length(1, 10000)
  text!: string;

  @ApiPropertyOptional({ description: 'Reference of the letter or note' })
  @Optional()
  @IsString()
  @Length(1, 300)
  documentRef?: string;
}
