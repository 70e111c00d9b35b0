import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';

export class LinkObservationRequest extends OccurredAtRequest {
  @ApiProperty({ example: 'obs-B07' })
  @IsString()
  @Length(1, 100)
  observationId!: string;
}
