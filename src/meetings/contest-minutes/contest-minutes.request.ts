import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { IsCalendarDate, OccurredAtRequest } from '../meeting.requests.js';

export class ContestMinutesRequest extends OccurredAtRequest {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  contestedOn!: string;

  @ApiProperty({ type: [String], example: ['La déclaration liminaire de FO n’est pas annexée'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  points!: string[];
}
