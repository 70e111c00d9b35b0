import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Length } from 'class-validator';
import {
  DEMAND_CHANNELS,
  RESPONSE_STANCES,
  type DemandChannel,
  type ResponseStance,
} from '../domain/demand.events.js';
import { Optional } from '../../infrastructure/http/optional.js';

export class RecordManagementResponseRequest {
  @ApiProperty({ enum: RESPONSE_STANCES })
  @IsIn(RESPONSE_STANCES)
  stance!: ResponseStance;

  @ApiProperty({ description: "Management's exact words", example: 'Le recrutement d’un ASE est à l’étude.' })
  @IsString()
  @Length(1, 10000)
  text!: string;

  @ApiProperty({ example: 'DFSPIP' })
  @IsString()
  @Length(1, 200)
  authorRole!: string;

  @ApiProperty({ enum: DEMAND_CHANNELS })
  @IsIn(DEMAND_CHANNELS)
  channel!: DemandChannel;

  @ApiProperty({ description: 'When management responded (ISO 8601)' })
  @IsISO8601({ strict: true })
  respondedAt!: string;

  @ApiPropertyOptional({ description: 'Reference of the letter, minutes page…' })
  @Optional()
  @IsString()
  @Length(1, 300)
  documentRef?: string;

  @ApiPropertyOptional({ description: 'Required with stance "defer": when the answer is now expected' })
  @Optional()
  @IsISO8601({ strict: true })
  newDueAt?: string;
}
