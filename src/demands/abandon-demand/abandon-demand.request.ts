import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';
import { ABANDON_REASONS, type AbandonReason } from '../domain/demand.events.js';
import { Optional } from '../../infrastructure/http/optional.js';

export class AbandonDemandRequest extends OccurredAtRequest {
  @ApiProperty({ enum: ABANDON_REASONS })
  @IsIn(ABANDON_REASONS)
  reason!: AbandonReason;

  @ApiPropertyOptional({ description: 'Required with reason "other"' })
  @Optional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}
