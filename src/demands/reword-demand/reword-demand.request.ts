import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';
import { Optional } from '../../infrastructure/http/optional.js';

/** Give a new title, a new description, or both. */
export class RewordDemandRequest extends OccurredAtRequest {
  @ApiPropertyOptional({ example: 'Recruter au moins 1 ASE (ratio OR 1 pour 50)' })
  @Optional()
  @IsString()
  @Length(3, 300)
  title?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @Length(1, 5000)
  description?: string;
}
