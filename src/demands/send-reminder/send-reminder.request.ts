import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601 } from 'class-validator';
import { DEMAND_CHANNELS, type DemandChannel } from '../domain/demand.events.js';
import { Optional } from '../../infrastructure/http/optional.js';

export class SendReminderRequest {
  @ApiProperty({ enum: DEMAND_CHANNELS })
  @IsIn(DEMAND_CHANNELS)
  channel!: DemandChannel;

  @ApiPropertyOptional({ description: 'When the reminder was sent (ISO 8601; default: now)' })
  @Optional()
  @IsISO8601({ strict: true })
  sentAt?: string;

  @ApiPropertyOptional({
    description: 'A new date by which an answer is due (ISO 8601); unchanged when absent',
  })
  @Optional()
  @IsISO8601({ strict: true })
  responseDueAt?: string;
}
