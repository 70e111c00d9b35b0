import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DEMAND_CATEGORIES, DEMAND_LEVELS, DEMAND_PRIORITIES } from '../domain/demand.events.js';
import { DEMAND_STATUSES } from '../domain/demand.js';
import { queryBoolean } from '../../infrastructure/http/query-params.js';

const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);

export const DEMAND_SORTS = ['urgency', 'due', 'recent', 'title', 'priority'] as const;
export type DemandSort = (typeof DEMAND_SORTS)[number];

export class ListDemandsRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  antennaId?: string;

  @ApiPropertyOptional({ description: 'One status or several, comma-separated', enum: DEMAND_STATUSES })
  @IsOptional()
  @Transform(toList)
  @IsIn(DEMAND_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ enum: DEMAND_CATEGORIES })
  @IsOptional()
  @IsIn(DEMAND_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: DEMAND_PRIORITIES })
  @IsOptional()
  @IsIn(DEMAND_PRIORITIES)
  priority?: string;

  @ApiPropertyOptional({ enum: DEMAND_LEVELS })
  @IsOptional()
  @IsIn(DEMAND_LEVELS)
  level?: string;

  @ApiPropertyOptional({ description: 'Explicit in the report (true) or implied (false)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  explicit?: boolean;

  @ApiPropertyOptional({ description: 'Only demands whose awaited answer or commitment is past due (true)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Words found in the title or the description (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({
    description: 'An addressee, by role or organisation (part of it, case-insensitive)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  addressee?: string;

  @ApiPropertyOptional({
    enum: DEMAND_SORTS,
    default: 'urgency',
    description:
      'urgency: overdue first, then priority, then oldest; due: next due date first; recent: last changed first',
  })
  @IsOptional()
  @IsIn(DEMAND_SORTS)
  sort?: DemandSort;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
