import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { AVIS, type Avis } from '../domain/meeting.events.js';
import { IsCalendarDate, OccurredAtRequest, UnionVoteRequest } from '../meeting.requests.js';

export class RecordVoteRequest extends OccurredAtRequest {
  @ApiProperty({ type: [UnionVoteRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => UnionVoteRequest)
  votes!: UnionVoteRequest[];

  @ApiPropertyOptional({ description: 'Default: the day the meeting was held; later for a re-deliberation' })
  @Optional()
  @IsCalendarDate()
  votedOn?: string;

  @ApiPropertyOptional({
    enum: AVIS,
    description: 'The avis the minutes state; default: computed from the counts',
  })
  @Optional()
  @IsIn(AVIS)
  avis?: Avis;
}
