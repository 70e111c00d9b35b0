import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { OBSERVATION_CATEGORIES, SENTIMENTS } from '../domain/observation.events.js';
import { ID_MESSAGE, ID_PATTERN } from '../observations.requests.js';
import { queryBoolean } from '../../infrastructure/http/query-params.js';

export class ListObservationsRequest {
  @ApiPropertyOptional({ example: 'ant-bethune' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  antennaId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  visitId?: string;

  @ApiPropertyOptional({ enum: OBSERVATION_CATEGORIES })
  @IsOptional()
  @IsIn(OBSERVATION_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: SENTIMENTS })
  @IsOptional()
  @IsIn(SENTIMENTS)
  sentiment?: string;

  @ApiPropertyOptional({ description: 'false: observations that lead to no demand' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  leadsToDemand?: boolean;

  @ApiPropertyOptional({ description: 'Include withdrawn observations (default: false)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeWithdrawn?: boolean;

  @ApiPropertyOptional({ default: 200, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
