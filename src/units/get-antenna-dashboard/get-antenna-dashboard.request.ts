import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AsOfRequest } from '../../demands/as-of.js';
import { DEFAULT_REFERENCE_RATIOS } from '../domain/staffing-ratios.js';

/**
 * Reference ratios to measure staffing against; the OR of the DAP by default (1:60 CPIP, 1:50 ASE). And, from
 * `AsOfRequest`, `asOf` / `known`: the dashboard as of a past date, computed from the events.
 */
export class GetAntennaDashboardRequest extends AsOfRequest {
  @ApiPropertyOptional({
    description: 'People followed per CPIP ETP taken as the reference (unions argue for 50)',
    default: DEFAULT_REFERENCE_RATIOS.cpipPerPeople,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  cpipPerPeople?: number;

  @ApiPropertyOptional({
    description: 'People under electronic monitoring per ASE taken as the reference',
    default: DEFAULT_REFERENCE_RATIOS.asePerPeople,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  asePerPeople?: number;
}
