import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { AddresseeRequest, LegalBasisRequest } from '../demand.requests.js';
import {
  DEMAND_CATEGORIES,
  LEGACY_DEMAND_CATEGORIES,
  type LegacyDemandCategory,
  DEMAND_LEVELS,
  DEMAND_PRIORITIES,
  type DemandCategory,
  type DemandLevel,
  type DemandPriority,
} from '../domain/demand.events.js';
import { Optional } from '../../infrastructure/http/optional.js';

export class RaiseDemandRequest {
  @ApiProperty({ example: 'ant-bethune' })
  @IsString()
  @Length(1, 100)
  antennaId!: string;

  @ApiProperty({ example: 'Recruter au moins 1 ASE (ratio OR 1 pour 50)' })
  @IsString()
  @Length(3, 300)
  title!: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @Length(1, 5000)
  description?: string;

  @ApiProperty({
    enum: DEMAND_CATEGORIES,
    description:
      'Thematic category. The report’s section headings of version 1 (hr, premises_security, difficulties) are still ' +
      'accepted and recorded as the thematic category they read as (deprecated).',
  })
  @IsIn([...DEMAND_CATEGORIES, ...LEGACY_DEMAND_CATEGORIES])
  category!: DemandCategory | LegacyDemandCategory;

  @ApiProperty({ description: 'True when the report states the ask; false when it is implied.' })
  @IsBoolean()
  explicit!: boolean;

  @ApiPropertyOptional({ description: "The report's own words" })
  @Optional()
  @IsString()
  @Length(1, 2000)
  quote?: string;

  @ApiProperty({ enum: DEMAND_PRIORITIES })
  @IsIn(DEMAND_PRIORITIES)
  priority!: DemandPriority;

  @ApiProperty({ type: [AddresseeRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AddresseeRequest)
  addressees!: AddresseeRequest[];

  @ApiProperty({ enum: DEMAND_LEVELS })
  @IsIn(DEMAND_LEVELS)
  level!: DemandLevel;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  observationIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['CPP D147-21'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  legalRefs?: string[];

  @ApiPropertyOptional({
    type: [LegalBasisRequest],
    description:
      'Legal bases recorded with the demand, with their text; origin "source" (the raising document gives it) or ' +
      '"officer" (the officer’s own addition). Never inferred from the category.',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LegalBasisRequest)
  legalBases?: LegalBasisRequest[];

  @ApiPropertyOptional({ example: 'src-fo-cpip-spip62-2024-02-23' })
  @Optional()
  @IsString()
  @Length(1, 200)
  sourceRef?: string;

  @ApiPropertyOptional({ description: 'Keep it as a draft (DRAFT) instead of raising it (RAISED).' })
  @Optional()
  @IsBoolean()
  draft?: boolean;

  @ApiPropertyOptional({ description: 'When it happened in the world (default: now).' })
  @Optional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
