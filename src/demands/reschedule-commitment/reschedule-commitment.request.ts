import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Length } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';

export class RescheduleCommitmentRequest extends OccurredAtRequest {
  @ApiProperty({ description: 'The new due date (ISO 8601)' })
  @IsISO8601({ strict: true })
  newDueAt!: string;

  @ApiProperty({ example: 'Jury de recrutement reporté' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
