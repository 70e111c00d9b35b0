import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';
import { Optional } from '../../infrastructure/http/optional.js';

export class AcknowledgeDemandRequest extends OccurredAtRequest {
  @ApiPropertyOptional({ example: 'Accusé de réception du DFSPIP' })
  @Optional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
