import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AsOfRequest } from '../../demands/as-of.js';
import { DEFAULT_REFERENCE_RATIOS } from '../domain/staffing-ratios.js';

/**
 * Reference ratios to measure staffing against, for this request only; by default the organisation's (PUT
 * /api/reference-ratios), else the OR of the DAP (1:60 CPIP, 1:50 ASE). And, from
 * `AsOfRequest`, `asOf` / `known`: the dashboard as of a past date, computed from the events.
 */
export class GetAntennaDashboardRequest extends AsOfRequest {
  @ApiPropertyOptional({
    description:
      "People followed per CPIP ETP taken as the reference (unions argue for 50); default: the organisation's " +
      "ratio, else the DAP's OR",
    default: DEFAULT_REFERENCE_RATIOS.cpipPerPeople,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  cpipPerPeople?: number;

  @ApiPropertyOptional({
    description:
      "People under electronic monitoring per ASE taken as the reference; default: the organisation's ratio, " +
      "else the DAP's OR",
    default: DEFAULT_REFERENCE_RATIOS.asePerPeople,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  asePerPeople?: number;
}
