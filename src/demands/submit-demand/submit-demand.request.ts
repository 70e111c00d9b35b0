import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { AddresseeRequest } from '../demand.requests.js';
import { DEMAND_CHANNELS, type DemandChannel } from '../domain/demand.events.js';
import { DEFAULT_RESPONSE_WINDOW_DAYS } from './response-window.js';
import { Optional } from '../../infrastructure/http/optional.js';

export class SubmitDemandRequest {
  @ApiProperty({ enum: DEMAND_CHANNELS })
  @IsIn(DEMAND_CHANNELS)
  channel!: DemandChannel;

  @ApiProperty({ type: AddresseeRequest, description: 'Who the demand is put to' })
  @IsObject()
  @ValidateNested()
  @Type(() => AddresseeRequest)
  addressee!: AddresseeRequest;

  @ApiPropertyOptional({ description: 'The instance meeting where it was put, if any' })
  @Optional()
  @IsString()
  @Length(1, 100)
  meetingId?: string;

  @ApiPropertyOptional({ description: 'When it was submitted (ISO 8601; default: now)' })
  @Optional()
  @IsISO8601({ strict: true })
  submittedAt?: string;

  @ApiPropertyOptional({
    description:
      "When an answer is due (ISO 8601; default: submittedAt + the organisation's response window, " +
      `responseWindowDays of GET /api/deadline-rules, ${DEFAULT_RESPONSE_WINDOW_DAYS} days unless changed)`,
  })
  @Optional()
  @IsISO8601({ strict: true })
  responseDueAt?: string;
}
