import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate, OccurredAtRequest } from '../units.requests.js';

const positive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 10_000;

/** People followed per CPIP ETP: one positive number, or a `[low, high]` range. */
const IsPeoplePerEtp = (): PropertyDecorator =>
  ValidateBy({
    name: 'isPeoplePerEtp',
    validator: {
      validate: (value: unknown) =>
        positive(value) ||
        (Array.isArray(value) &&
          value.length === 2 &&
          positive(value[0]) &&
          positive(value[1]) &&
          value[0] <= value[1]),
      defaultMessage: () =>
        '$property doit être un nombre positif ou une fourchette [bas, haut] de nombres positifs',
    },
  });

const Count = (): PropertyDecorator => applyDecorators(IsInt(), Min(0), Max(100_000));

export class StaffingLineRequest {
  @ApiProperty({ example: 'CPIP', description: 'Role: CPIP, ASE, DPIP, PA, ASS, CHEF_ANTENNE…' })
  @IsString()
  @Length(1, 60)
  role!: string;

  @ApiProperty({ example: 29, description: 'People on the books (headcount, not ETP)' })
  @Count()
  headcount!: number;

  @ApiPropertyOptional({ example: 1 })
  @Optional()
  @Count()
  vacancies?: number;

  @ApiPropertyOptional({ example: 'grand quartier (MA+CD)' })
  @Optional()
  @IsString()
  @Length(1, 300)
  scope?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @Length(1, 1000)
  note?: string;

  @ApiPropertyOptional({ description: 'Of the headcount: on long leave (CLD/CLM)', example: 1 })
  @Optional()
  @Count()
  onLongLeave?: number;

  @ApiPropertyOptional({ description: 'Of the headcount: seconded elsewhere', example: 1 })
  @Optional()
  @Count()
  seconded?: number;

  @ApiPropertyOptional({ description: 'Of the headcount: contract staff' })
  @Optional()
  @Count()
  contractual?: number;
}

export class CaseloadRequest {
  @ApiPropertyOptional({
    description: 'People followed (PPSMJ) per CPIP ETP, as reported: a number or a [low, high] range',
    oneOf: [{ type: 'number' }, { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 }],
    example: [85, 90],
  })
  @Optional()
  @IsPeoplePerEtp()
  ppsmjPerCpipEtp?: number | [number, number];

  @ApiPropertyOptional({ description: 'People under electronic monitoring (the ASE load)', example: 150 })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  peopleUnderElectronicMonitoring?: number;
}

export class RecordStaffingSnapshotRequest extends OccurredAtRequest {
  @ApiPropertyOptional({
    description: 'Chosen by the caller, unique per antenna (default: generated)',
    example: 'staff-bethune-2024-01-25',
  })
  @Optional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  snapshotId?: string;

  @ApiProperty({ description: 'Date the counts describe (YYYY-MM-DD)', example: '2024-01-25' })
  @IsCalendarDate()
  asOf!: string;

  @ApiProperty({ type: [StaffingLineRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StaffingLineRequest)
  lines!: StaffingLineRequest[];

  @ApiPropertyOptional({ type: CaseloadRequest })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => CaseloadRequest)
  caseload?: CaseloadRequest;

  @ApiPropertyOptional({
    type: [String],
    description: 'Assumptions behind the figures, in plain words',
    example: ['Environ 150 bracelets le jour de la visite.'],
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  assumptions?: string[];

  @ApiPropertyOptional({ description: 'True when the figures are illustrative, not from a source' })
  @Optional()
  @IsBoolean()
  illustrative?: boolean;
}
