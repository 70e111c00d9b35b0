import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import {
  OBSERVATION_CATEGORIES,
  SENTIMENTS,
  type ObservationCategory,
  type Sentiment,
} from '../domain/observation.events.js';
import { FactRequest, ID_MESSAGE, ID_PATTERN, OccurredAtRequest } from '../observations.requests.js';

export class RecordObservationRequest extends OccurredAtRequest {
  @ApiPropertyOptional({ description: 'Chosen by the caller (default: generated)', example: 'obs-B01' })
  @Optional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  observationId?: string;

  @ApiProperty({ example: 'ant-bethune' })
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  antennaId!: string;

  @ApiPropertyOptional({
    description: 'The visit where it was observed',
    example: 'visit-bethune-2024-01-25',
  })
  @Optional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  visitId?: string;

  @ApiProperty({ enum: OBSERVATION_CATEGORIES })
  @IsIn(OBSERVATION_CATEGORIES)
  category!: ObservationCategory;

  @ApiProperty({ description: 'Stable topic code', example: 'PARKING' })
  @IsString()
  @Length(1, 100)
  topic!: string;

  @ApiProperty({ example: 'Parking insuffisant pour toute l’équipe.' })
  @IsString()
  @Length(1, 5000)
  text!: string;

  @ApiPropertyOptional({ type: [FactRequest] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FactRequest)
  facts?: FactRequest[];

  @ApiProperty({ enum: SENTIMENTS, description: 'positive observations keep the picture fair' })
  @IsIn(SENTIMENTS)
  sentiment!: Sentiment;

  @ApiPropertyOptional({ type: [String], example: ['Loi n° 2005-102 du 11 février 2005'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  legalRefs?: string[];

  @ApiProperty({
    description: 'False for an observation that generates no demand (e.g. a good team climate)',
  })
  @IsBoolean()
  leadsToDemand!: boolean;

  @ApiProperty({
    description: 'Date of the visit or report where it was observed (ISO 8601)',
    example: '2024-01-25',
  })
  @IsISO8601({ strict: true })
  observedOn!: string;

  @ApiPropertyOptional({ description: 'True when the content is illustrative, not from a source' })
  @Optional()
  @IsBoolean()
  illustrative?: boolean;
}
