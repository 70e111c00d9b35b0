import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsString, Length, Max, Min } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { RATIO_RANGES, REASON_MAX_LENGTH, SOURCE_MAX_LENGTH } from '../domain/reference-ratios.decide.js';

const { cpipPerPeople, asePerPeople } = RATIO_RANGES;

/** The full set of reference ratios (PUT replaces it whole) and where it comes from. */
export class ChangeReferenceRatiosRequest {
  @ApiProperty({
    ...cpipPerPeople,
    example: 60,
    description: "People followed per CPIP ETP (the DAP's OR: 60; unions argue for 50)",
  })
  @IsInt()
  @Min(cpipPerPeople.min)
  @Max(cpipPerPeople.max)
  cpipPerPeople!: number;

  @ApiProperty({
    ...asePerPeople,
    example: 50,
    description: "People under electronic monitoring per ASE (the DAP's OR: 50)",
  })
  @IsInt()
  @Min(asePerPeople.min)
  @Max(asePerPeople.max)
  asePerPeople!: number;

  @ApiProperty({
    example: 'OR DAP 2024, note du 12 janvier 2024',
    description: 'Where the ratios come from (an organigramme de référence, a decision of the union…)',
  })
  @IsString()
  @Length(1, SOURCE_MAX_LENGTH)
  source!: string;

  @ApiPropertyOptional({ description: 'Why they change' })
  @Optional()
  @IsString()
  @Length(1, REASON_MAX_LENGTH)
  reason?: string;

  @ApiPropertyOptional({ description: 'When the change took effect (ISO 8601; default: now)' })
  @Optional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
