import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { OccurredAtRequest } from '../meeting.requests.js';

export class RefuseAgendaItemRequest extends OccurredAtRequest {
  @ApiPropertyOptional({ description: 'The reason management gave' })
  @Optional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}
