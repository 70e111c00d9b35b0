import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';
import { Optional } from '../../infrastructure/http/optional.js';

export class UnlinkObservationRequest extends OccurredAtRequest {
  @ApiProperty({ example: 'obs-B07' })
  @IsString()
  @Length(1, 100)
  observationId!: string;

  @ApiPropertyOptional({ description: 'Why the observation no longer supports the demand' })
  @Optional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}
