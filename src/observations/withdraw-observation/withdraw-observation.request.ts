import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OccurredAtRequest } from '../observations.requests.js';

export class WithdrawObservationRequest extends OccurredAtRequest {
  @ApiProperty({ description: 'Why it is withdrawn', example: 'Doublon de obs-B07' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
